/**
 * The console: the session decides between the sign-in page and the shell; the shell is a skip link,
 * a header with the operator and sign-out, the navigation and the current page.
 */
import { useEffect, useState } from 'react';
import { api, type Schemas, sessionEvents } from './api/client.js';
import { PAGES, resolvePage } from './pages/index.js';
import { Link, RouterProvider, useRoute } from './router.js';
import { SignIn } from './SignIn.js';
import { text } from './text.js';

type Session = Schemas['Session'];

function Shell({ session, onSignedOut }: { session: Session; onSignedOut: () => void }) {
  const { path } = useRoute();
  const page = resolvePage(path);
  const signOut = async () => {
    await api.DELETE('/v1/session');
    onSignedOut();
  };
  return (
    <>
      <a className="skip" href="#main">
        {text.skipToContent}
      </a>
      <header className="top">
        <Link to="/" className="brand">
          {text.product}
        </Link>
        <span className="who">
          {session.operator ? text.signedInAs(session.operator.email, session.role) : session.actor}
        </span>
        <button type="button" className="secondary" onClick={signOut}>
          {text.signOut}
        </button>
      </header>
      <div className="layout">
        <nav aria-label={text.nav.label}>
          <ul>
            {PAGES.filter((p) => p.nav).map((p) => (
              <li key={p.path}>
                <Link to={p.path}>{p.title}</Link>
              </li>
            ))}
          </ul>
        </nav>
        <main id="main" tabIndex={-1}>
          {page ? (
            <page.component {...page.params} />
          ) : (
            <>
              <h1>{text.notFound.title}</h1>
              <p>{text.notFound.body}</p>
            </>
          )}
        </main>
      </div>
    </>
  );
}

export function App() {
  const [session, setSession] = useState<Session | null | undefined>(undefined);
  useEffect(() => {
    api.GET('/v1/session').then(({ data }) => setSession(data ?? null));
    const onOut = () => setSession(null);
    sessionEvents.addEventListener('signed-out', onOut);
    return () => sessionEvents.removeEventListener('signed-out', onOut);
  }, []);
  if (session === undefined)
    return (
      <p className="muted" role="status">
        {text.loading}
      </p>
    );
  return (
    <RouterProvider>
      {session ? (
        <Shell session={session} onSignedOut={() => setSession(null)} />
      ) : (
        <SignIn onSignedIn={setSession} />
      )}
    </RouterProvider>
  );
}

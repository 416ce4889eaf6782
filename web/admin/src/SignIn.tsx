import { type FormEvent, useEffect, useRef, useState } from 'react';
import { api, type Schemas } from './api/client.js';
import { text } from './text.js';

export function SignIn({ onSignedIn }: { onSignedIn: (session: Schemas['Session']) => void }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const email = useRef<HTMLInputElement>(null);
  useEffect(() => {
    document.title = `${text.signIn.title} · ${text.product}`;
    email.current?.focus();
  }, []);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setError(null);
    const { data, response } = await api.POST('/v1/session', {
      body: { email: String(form.get('email') ?? ''), password: String(form.get('password') ?? '') },
    });
    setBusy(false);
    if (data) onSignedIn(data);
    else setError(response.status === 429 ? text.signIn.tooMany : text.signIn.failed);
  };
  return (
    <main id="main" className="sign-in">
      <h1>{text.signIn.title}</h1>
      <p className="muted">{text.signIn.intro}</p>
      <form onSubmit={submit} noValidate>
        <label htmlFor="email">{text.signIn.email}</label>
        <input ref={email} id="email" name="email" type="email" autoComplete="username" required />
        <label htmlFor="password">{text.signIn.password}</label>
        <input id="password" name="password" type="password" autoComplete="current-password" required />
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" disabled={busy}>
          {busy ? text.signIn.busy : text.signIn.submit}
        </button>
      </form>
    </main>
  );
}

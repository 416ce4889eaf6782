/** Building blocks every page uses: loading and error states in words, tables, status badges. */
import { type ReactNode, useCallback, useEffect, useState } from 'react';
import { describeProblem } from './api/client.js';
import { text } from './text.js';

export type Load<T> =
  | { readonly state: 'loading' }
  | { readonly state: 'error'; readonly message: string }
  | { readonly state: 'ready'; readonly data: T };

/** Runs `fetcher` on mount and when `deps` change; `reload` runs it again (after an action). */
export function useLoad<T>(
  fetcher: () => Promise<{ data?: T; error?: unknown; response: Response }>,
  deps: readonly unknown[] = [],
): [Load<T>, () => void] {
  const [load, setLoad] = useState<Load<T>>({ state: 'loading' });
  const [tick, setTick] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the caller lists what the fetcher depends on
  useEffect(() => {
    let live = true;
    setLoad({ state: 'loading' });
    fetcher().then(
      ({ data, error, response }) => {
        if (!live) return;
        if (data !== undefined) setLoad({ state: 'ready', data });
        else if (response.status === 403) setLoad({ state: 'error', message: text.forbidden });
        else setLoad({ state: 'error', message: describeProblem(error) });
      },
      () => live && setLoad({ state: 'error', message: text.error }),
    );
    return () => {
      live = false;
    };
  }, [...deps, tick]);
  return [load, useCallback(() => setTick((t) => t + 1), [])];
}

export function Loaded<T>({ load, children }: { load: Load<T>; children: (data: T) => ReactNode }) {
  if (load.state === 'loading')
    return (
      <p className="muted" role="status">
        {text.loading}
      </p>
    );
  if (load.state === 'error')
    return (
      <p className="error" role="alert">
        {load.message}
      </p>
    );
  return <>{children(load.data)}</>;
}

export function Page({
  title,
  children,
  actions,
}: {
  title: string;
  children: ReactNode;
  actions?: ReactNode;
}) {
  useEffect(() => {
    document.title = `${title} · ${text.product}`;
  }, [title]);
  return (
    <>
      <div className="page-head">
        <h1>{title}</h1>
        {actions}
      </div>
      {children}
    </>
  );
}

export function Badge({ tone, children }: { tone: 'ok' | 'bad' | 'warn' | 'neutral'; children: ReactNode }) {
  return <span className={`badge badge-${tone}`}>{children}</span>;
}

/** A table that scrolls sideways on a phone; `caption` names it for screen readers. */
export function Table({
  caption,
  head,
  children,
}: {
  caption: string;
  head: readonly string[];
  children: ReactNode;
}) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard
    <section className="table-scroll" tabIndex={0} aria-label={caption}>
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            {head.map((h) => (
              <th key={h} scope="col">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </section>
  );
}

export const formatDate = (iso: string | null | undefined) =>
  iso ? new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }) : '—';

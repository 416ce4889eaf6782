/**
 * A failed call in words an operator understands: the catalogue codes an action on these pages can meet
 * get a sentence of their own (text.ts); anything else falls back to the server's detail.
 */
import { describeProblem } from '../api/client.js';
import { text } from '../text.js';

const KNOWN: Readonly<Record<string, string>> = text.actionProblems;

export function explainFailure(error: unknown, response: Response | undefined): string {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  if (typeof code === 'string' && KNOWN[code]) return KNOWN[code];
  if (response?.status === 403) return text.forbidden;
  if (!response || response.status >= 500) return text.actionProblems.unavailable;
  return describeProblem(error);
}

/** Runs an API call for a form or button: the words of its failure, or null when it succeeded. */
export async function attempt<T>(
  call: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<{ data: T; failure: null } | { data: undefined; failure: string }> {
  try {
    const { data, error, response } = await call;
    if (data !== undefined) return { data, failure: null };
    return { data: undefined, failure: explainFailure(error, response) };
  } catch {
    return { data: undefined, failure: text.actionProblems.network };
  }
}

/**
 * What the privacy center's HTML forms may send, bounded (every string has a maximum), with each problem
 * in the person's words (from the text module). A browser posts `application/x-www-form-urlencoded`; any
 * other body, or a field sent twice, is "a form we could not read".
 */
import { z } from 'zod';
import type { FieldProblem } from '../../errors/app-error.js';
import { CENTER_TEXT as T } from './center.text.js';

/** A parsed form: each name with every value it was sent with. */
export type FormFields = URLSearchParams;

/** How many "what is wrong / what it should say" pairs the correction form offers. */
export const CORRECTION_ROWS = 3;
export const MAX_FORM_BYTES = 32 * 1024;
const TOKEN = /^[A-Za-z0-9_-]{20,200}$/;

/** The single value of a field; undefined when absent, null when sent more than once. */
export function single(form: FormFields, name: string): string | null | undefined {
  const all = form.getAll(name);
  if (all.length === 0) return undefined;
  return all.length === 1 ? all[0]! : null;
}

const tooLong = (max: number) => ({ error: T.errors.tooLong(max) });

export const RequestFormSchema = z.object({
  type: z.enum(['access', 'correction', 'erasure', 'objection', 'withdrawal'], { error: T.errors.type }),
  email: z.string({ error: T.errors.email }).trim().min(1, { error: T.errors.email }).max(320, tooLong(320)),
  jurisdiction: z.string({ error: T.errors.jurisdiction }).max(16, { error: T.errors.jurisdiction }),
  message: z.string({ error: T.errors.form }).max(4000, tooLong(4000)),
  fixes: z
    .array(
      z.object({
        field: z.string({ error: T.errors.form }).trim().max(100, tooLong(100)),
        value: z.string({ error: T.errors.form }).trim().max(2000, tooLong(2000)),
      }),
    )
    .length(CORRECTION_ROWS),
});
export type RequestForm = z.infer<typeof RequestFormSchema>;

/** What the person typed, to show the form again as they left it (strings only, never trusted). */
export interface RequestFormValues {
  readonly type: string;
  readonly email: string;
  readonly jurisdiction: string;
  readonly message: string;
  readonly fixes: readonly { readonly field: string; readonly value: string }[];
}

export const fixName = (row: number, part: 'field' | 'value') => `fix${row + 1}-${part}`;

export function requestFormValues(form: FormFields): RequestFormValues {
  const text = (name: string) => {
    const value = single(form, name);
    return typeof value === 'string' ? value : '';
  };
  return {
    type: text('type'),
    email: text('email'),
    jurisdiction: text('jurisdiction'),
    message: text('message'),
    fixes: Array.from({ length: CORRECTION_ROWS }, (_, i) => ({
      field: text(fixName(i, 'field')),
      value: text(fixName(i, 'value')),
    })),
  };
}

/** The problems of a request form, named by the form's field names (the summary links to each). */
export function requestFormProblems(
  form: FormFields,
  offered: { types: readonly string[]; jurisdictions: readonly string[] },
): { problems: FieldProblem[]; parsed: RequestForm | null } {
  const raw = {
    type: single(form, 'type'),
    email: single(form, 'email'),
    jurisdiction: single(form, 'jurisdiction') ?? '',
    message: single(form, 'message') ?? '',
    fixes: Array.from({ length: CORRECTION_ROWS }, (_, i) => ({
      field: single(form, fixName(i, 'field')) ?? '',
      value: single(form, fixName(i, 'value')) ?? '',
    })),
  };
  const result = RequestFormSchema.safeParse(raw);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => {
      const [head, row, part] = issue.path;
      const field =
        head === 'fixes' ? fixName(Number(row), part === 'value' ? 'value' : 'field') : String(head);
      return { field, message: issue.message };
    });
    return { problems: dedupe(problems), parsed: null };
  }
  const parsed = result.data;
  const problems: FieldProblem[] = [];
  if (!offered.types.includes(parsed.type)) problems.push({ field: 'type', message: T.errors.type });
  if (parsed.jurisdiction && !offered.jurisdictions.includes(parsed.jurisdiction))
    problems.push({ field: 'jurisdiction', message: T.errors.jurisdiction });
  if (parsed.type === 'correction') {
    parsed.fixes.forEach((fix, i) => {
      if (fix.field && !fix.value)
        problems.push({ field: fixName(i, 'value'), message: T.errors.correctionValue(i + 1) });
      if (!fix.field && fix.value)
        problems.push({ field: fixName(i, 'field'), message: T.errors.correctionField(i + 1) });
    });
    if (!parsed.fixes.some((f) => f.field && f.value) && problems.length === 0)
      problems.push({ field: fixName(0, 'field'), message: T.errors.correctionMissing });
  }
  return { problems, parsed: problems.length === 0 ? parsed : null };
}

function dedupe(problems: FieldProblem[]): FieldProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => !seen.has(p.field) && seen.add(p.field));
}

export const EmailFormSchema = z.object({
  email: z.string({ error: T.errors.email }).trim().min(1, { error: T.errors.email }).max(320, tooLong(320)),
});

export const TokenSchema = z.string().regex(TOKEN);

/** One change on the preferences page: give or withdraw a consent, unsubscribe from one or all marketing. */
export const PreferenceChangeSchema = z.union([
  z.object({ action: z.enum(['give', 'withdraw', 'unsubscribe']), purpose: z.string().min(1).max(64) }),
  z.object({ action: z.literal('unsubscribe_all') }),
]);
export type PreferenceChange = z.infer<typeof PreferenceChangeSchema>;

/** The credential of a preferences form: the session, or the emailed link on the first change. */
export function preferenceCredential(form: FormFields): { link?: string; session?: string } | null {
  const session = single(form, 'session');
  const link = single(form, 'link');
  if (typeof session === 'string' && TOKEN.test(session)) return { session };
  if (session === undefined && typeof link === 'string' && TOKEN.test(link)) return { link };
  return null;
}

export function preferenceChange(form: FormFields): PreferenceChange | null {
  const result = PreferenceChangeSchema.safeParse({
    action: single(form, 'action'),
    purpose: single(form, 'purpose') ?? undefined,
  });
  return result.success ? result.data : null;
}

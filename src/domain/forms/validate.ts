/**
 * Checks a submission against its form as the policy declares it (clause 1.6.5): only declared fields,
 * each of its type, within its length, select answers among the options, ratings 1–5, email addresses
 * normalised as identities are; consent checkboxes only for the purposes the form offers. Every problem
 * names the field, never the value sent.
 */
import type { FieldProblem } from '../../errors/app-error.js';
import { normaliseEmail } from '../identity/email.js';
import type { Form, FormField } from '../policy/schema.js';

export type Answer = string | number | boolean;

export interface SubmissionInput {
  readonly answers: Readonly<Record<string, unknown>>;
  readonly consents: readonly string[];
}

export interface ValidSubmission {
  /** Answered fields only, in the form's order; emails normalised, text trimmed. */
  readonly answers: Readonly<Record<string, Answer>>;
  /** The first answered email field: who the submission is from (never set on an anonymous form). */
  readonly email: string | null;
  /** Consent purposes ticked, each once, in the form's order. */
  readonly consents: readonly string[];
}

export type ValidationResult =
  | { readonly ok: true; readonly value: ValidSubmission }
  | { readonly ok: false; readonly problems: readonly FieldProblem[] };

/** Longest answer when the policy sets no `maxLength` (the policy's own bound is 10,000). */
export const DEFAULT_MAX_LENGTH: Record<'text' | 'textarea', number> = { text: 500, textarea: 5_000 };
export const RATING = { min: 1, max: 5 } as const;

const TRUE = new Set(['on', 'true', '1', 'yes']);
const FALSE = new Set(['off', 'false', '0', 'no', '']);

/**
 * Text a database can store and a person can read: no C0 control characters other than tab (and line
 * breaks in a textarea), no DEL, no unpaired UTF-16 surrogates. PostgreSQL refuses NUL in text outright.
 */
function badCharacter(value: string, multiline: boolean): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === 0x09 || (multiline && (c === 0x0a || c === 0x0d))) continue;
    if (c < 0x20 || c === 0x7f) return true;
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = value.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return true;
      i++;
    } else if (c >= 0xdc00 && c <= 0xdfff) return true;
  }
  return false;
}

/** Whether a raw value counts as "not answered": absent, null, blank text, an unticked checkbox. */
function isBlank(field: FormField, raw: unknown): boolean {
  if (raw === undefined || raw === null) return true;
  if (typeof raw === 'string' && raw.trim() === '') return true;
  return field.type === 'checkbox' && (raw === false || (typeof raw === 'string' && FALSE.has(raw)));
}

type Checked = { readonly value: Answer } | { readonly problem: string };

function checkField(field: FormField, raw: unknown): Checked {
  switch (field.type) {
    case 'text':
    case 'textarea': {
      if (typeof raw !== 'string') return { problem: 'must be text' };
      const value = raw.trim();
      if (badCharacter(value, field.type === 'textarea'))
        return { problem: 'contains characters not allowed' };
      const max = field.maxLength ?? DEFAULT_MAX_LENGTH[field.type];
      if (value.length > max) return { problem: `at most ${max} characters` };
      return { value };
    }
    case 'email': {
      if (typeof raw !== 'string') return { problem: 'must be an email address' };
      if (field.maxLength !== undefined && raw.trim().length > field.maxLength)
        return { problem: `at most ${field.maxLength} characters` };
      const email = normaliseEmail(raw);
      return email.ok ? { value: email.value } : { problem: `email ${email.reason}` };
    }
    case 'select':
      return typeof raw === 'string' && (field.options ?? []).includes(raw)
        ? { value: raw }
        : { problem: 'must be one of the options' };
    case 'checkbox':
      return raw === true || (typeof raw === 'string' && TRUE.has(raw))
        ? { value: true }
        : { problem: 'must be ticked or not' };
    case 'rating': {
      const n = typeof raw === 'string' && /^\d$/.test(raw) ? Number(raw) : raw;
      return typeof n === 'number' && Number.isInteger(n) && n >= RATING.min && n <= RATING.max
        ? { value: n }
        : { problem: `must be a whole number from ${RATING.min} to ${RATING.max}` };
    }
  }
}

export function validateSubmission(form: Form, input: SubmissionInput): ValidationResult {
  const problems: FieldProblem[] = [];
  const declared = new Map(form.fields.map((f) => [f.name, f]));
  for (const name of Object.keys(input.answers))
    if (!declared.has(name)) problems.push({ field: `answers.${name}`, message: 'not a field of this form' });

  const answers: Record<string, Answer> = {};
  let email: string | null = null;
  let emailRefused = false;
  for (const field of form.fields) {
    const raw = Object.hasOwn(input.answers, field.name) ? input.answers[field.name] : undefined;
    if (isBlank(field, raw)) {
      if (field.required) {
        problems.push({ field: `answers.${field.name}`, message: 'required' });
        emailRefused ||= field.type === 'email';
      }
      continue;
    }
    const checked = checkField(field, raw);
    if ('problem' in checked) {
      problems.push({ field: `answers.${field.name}`, message: checked.problem });
      emailRefused ||= field.type === 'email';
      continue;
    }
    answers[field.name] = checked.value;
    if (field.type === 'email' && email === null && !form.anonymous) email = checked.value as string;
  }

  const ticked = new Set<string>();
  input.consents.forEach((purpose, i) => {
    if (form.consents.includes(purpose)) ticked.add(purpose);
    else problems.push({ field: `consents.${i}`, message: 'not a consent this form asks for' });
  });
  // Consent is recorded for a person (Art. 7(1)): without an address there is nobody to record it for.
  if (ticked.size > 0 && email === null && !emailRefused)
    problems.push({ field: 'consents', message: 'a consent needs an email address to be recorded' });

  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    value: { answers, email, consents: form.consents.filter((p) => ticked.has(p)) },
  };
}

/**
 * The name of the honeypot input: `website`, or another plausible name when the form has a field of that
 * name. People never see it (the page hides it); bots that fill every input give themselves away.
 */
export function honeypotName(form: Form): string {
  const taken = new Set(form.fields.map((f) => f.name));
  return ['website', 'homepage', 'company_url', 'fax_number'].find((n) => !taken.has(n)) ?? 'hp_website';
}

const DAY_MS = 86_400_000;

/**
 * When a submission is recorded. An anonymous form's exact instant would let anyone holding web-server
 * logs (IP, time, path) tell who sent it, so it keeps the UTC day only; retention counts from the start of
 * that day, which can only shorten the period, never extend it.
 */
export function submissionTime(form: Form, now: number): number {
  return form.anonymous ? now - (now % DAY_MS) : now;
}

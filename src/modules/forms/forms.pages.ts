/**
 * `/forms/{formId}`: a form as a plain page that works without JavaScript (clause 1.6.5). It posts to
 * itself; a submission is answered with 303 See Other to a thank-you page (so reloading does not send it
 * twice), a refusal with the form again, answers kept and each problem beside its field. No cookie is
 * read or set, and the page says what the answers are for before anyone types (Art. 13).
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { escapeHtml } from '../../domain/policy/render/index.js';
import type { Form, Policy } from '../../domain/policy/schema.js';
import { type FieldProblem, isAppError } from '../../errors/app-error.js';
import { renderPage, sendHtml } from '../pages/layout.js';
import { MAX_FORM_BODY_BYTES, THANK_YOU } from './forms.routes.js';
import { type FormDefinition, type SubmissionBody, SubmissionBodySchema } from './forms.schemas.js';
import type { FormsService } from './forms.service.js';

type Field = FormDefinition['fields'][number];

interface Filled {
  readonly answers: Readonly<Record<string, unknown>>;
  readonly consents: readonly string[];
  readonly problems: readonly FieldProblem[];
  readonly notice?: string;
}

const EMPTY: Filled = { answers: {}, consents: [], problems: [] };
const fieldId = (name: string) => `f-${name}`;
const text = (value: unknown) =>
  typeof value === 'string' || typeof value === 'number' ? String(value) : '';

function problemOf(filled: Filled, name: string): string | undefined {
  return filled.problems.find((p) => p.field === `answers.${name}`)?.message;
}

function renderField(field: Field, filled: Filled): string {
  const id = fieldId(field.name);
  const problem = problemOf(filled, field.name);
  const value = filled.answers[field.name];
  const aria = problem ? ` aria-invalid="true" aria-describedby="${id}-error"` : '';
  const required = field.required ? ' required' : '';
  const max = field.maxLength ? ` maxlength="${field.maxLength}"` : '';
  const label = `${escapeHtml(field.label)}${field.required ? '' : ' (optional)'}`;
  const error = problem ? `<br><strong id="${id}-error">${escapeHtml(problem)}</strong>` : '';
  const name = escapeHtml(field.name);
  switch (field.type) {
    case 'text':
    case 'email': {
      const type = field.type === 'email' ? ' type="email" autocomplete="email"' : ' type="text"';
      return `<p><label for="${id}">${label}</label><br><input${type} id="${id}" name="${name}" value="${escapeHtml(text(value))}"${max}${required}${aria}>${error}</p>`;
    }
    case 'textarea':
      return `<p><label for="${id}">${label}</label><br><textarea id="${id}" name="${name}" rows="6" cols="60"${max}${required}${aria}>${escapeHtml(text(value))}</textarea>${error}</p>`;
    case 'select': {
      const options = (field.options ?? [])
        .map((o) => `<option${o === value ? ' selected' : ''}>${escapeHtml(o)}</option>`)
        .join('');
      return `<p><label for="${id}">${label}</label><br><select id="${id}" name="${name}"${required}${aria}><option value="">Choose…</option>${options}</select>${error}</p>`;
    }
    case 'checkbox': {
      const checked = value === true || value === 'on' ? ' checked' : '';
      return `<p><input type="checkbox" id="${id}" name="${name}" value="on"${checked}${required}${aria}> <label for="${id}">${label}</label>${error}</p>`;
    }
    case 'rating': {
      const radios = [];
      for (let n = field.min ?? 1; n <= (field.max ?? 5); n++) {
        const checked = text(value) === String(n) ? ' checked' : '';
        radios.push(
          `<label><input type="radio" name="${name}" value="${n}"${checked}${n === field.min ? required : ''}> ${n}</label>`,
        );
      }
      return `<fieldset${aria}><legend>${label} (${field.min} = lowest, ${field.max} = highest)</legend>${radios.join(' ')}${error}</fieldset>`;
    }
  }
}

/** A problem's field in the person's words: the field's label, or what the problem is about. */
function labelOf(definition: FormDefinition, field: string): string {
  const name = field.replace(/^answers\./, '');
  if (field.startsWith('consents')) return 'Consent';
  return definition.fields.find((f) => f.name === name)?.label ?? name;
}

function renderForm(definition: FormDefinition, filled: Filled): string {
  const summary =
    filled.problems.length > 0 || filled.notice
      ? `<div role="alert"><p><strong>${escapeHtml(filled.notice ?? 'Please check your answers.')}</strong></p>${
          filled.problems.length > 0
            ? `<ul>${filled.problems.map((p) => `<li>${escapeHtml(labelOf(definition, p.field))}: ${escapeHtml(p.message)}</li>`).join('')}</ul>`
            : ''
        }</div>`
      : '';
  const why = definition.anonymous
    ? '<p>This form is anonymous: we keep your answers without your name, email address, IP address, browser details or cookies, and only the day they were sent. Please do not write anything that identifies you.</p>'
    : `<p>What you send is used for: ${escapeHtml(definition.purpose.title)}. ${escapeHtml(definition.purpose.description)}</p>`;
  const consents =
    definition.consents.length > 0
      ? `<fieldset><legend>Optional</legend>${definition.consents
          .map(
            (c, i) =>
              `<p><input type="checkbox" id="c-${i}" name="_consent" value="${escapeHtml(c.purpose)}"${filled.consents.includes(c.purpose) ? ' checked' : ''}> <label for="c-${i}">${escapeHtml(c.text)}</label></p>`,
          )
          .join('')}</fieldset>`
      : '';
  const honeypot = escapeHtml(definition.spam.honeypot);
  return `<h1>${escapeHtml(definition.title)}</h1>
${why}
<p>Read our <a href="/privacy">privacy policy</a> to learn how long we keep it and what your rights are.</p>
${summary}
<form method="post" action="/forms/${escapeHtml(definition.id)}">
<input type="hidden" name="_token" value="${escapeHtml(definition.spam.token)}">
<p hidden><label for="f-hp">Leave this empty</label><input id="f-hp" name="${honeypot}" tabindex="-1" autocomplete="off"></p>
${definition.fields.map((f) => renderField(f, filled)).join('\n')}
${consents}
<p><button type="submit">Send</button></p>
</form>`;
}

/** What the person sent, back in the shape the form renders, from a body that may not parse. */
function refill(body: unknown): Pick<Filled, 'answers' | 'consents'> {
  const b = (typeof body === 'object' && body !== null ? body : {}) as Partial<SubmissionBody>;
  return {
    answers: typeof b.answers === 'object' && b.answers !== null ? b.answers : {},
    consents: Array.isArray(b.consents) ? b.consents.filter((c) => typeof c === 'string') : [],
  };
}

export function registerFormPages(
  scope: FastifyInstance,
  deps: { service: FormsService; policy: Pick<Policy, 'controller' | 'language'> },
): void {
  const { controller } = deps.policy;
  const send = (reply: FastifyReply, status: number, title: string, body: string) =>
    sendHtml(reply, status, renderPage({ title, bodyHtml: body, controller, lang: deps.policy.language }));
  const formOrNull = (formId: unknown): Form | null => {
    try {
      return typeof formId === 'string' ? deps.service.formOf(formId) : null;
    } catch {
      return null;
    }
  };
  const notFound = (reply: FastifyReply) =>
    send(reply, 404, 'Form not found', '<h1>This form does not exist</h1><p>It may have been removed.</p>');
  const page = (reply: FastifyReply, status: number, form: Form, filled: Filled) =>
    send(reply, status, form.title, renderForm(deps.service.definition(form.id), filled));

  scope.get('/forms/:formId', { schema: { hide: true } }, async (request, reply) => {
    const form = formOrNull((request.params as { formId?: unknown }).formId);
    return form ? page(reply, 200, form, EMPTY) : notFound(reply);
  });

  scope.post(
    '/forms/:formId',
    { schema: { hide: true }, bodyLimit: MAX_FORM_BODY_BYTES },
    async (request, reply) => {
      const form = formOrNull((request.params as { formId?: unknown }).formId);
      if (!form) return notFound(reply);
      const parsed = SubmissionBodySchema.safeParse(request.body);
      if (!parsed.success) {
        const problems = parsed.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message }));
        return page(reply, 400, form, { ...refill(request.body), problems });
      }
      try {
        await deps.service.submit(form.id, parsed.data, request.ip);
      } catch (error) {
        if (!isAppError(error)) throw error;
        const filled = { ...refill(parsed.data), problems: error.errors.filter((p) => p.field !== 'token') };
        switch (error.code) {
          case 'request.invalid':
            return page(reply, 400, form, filled);
          case 'form.too_fast':
            return page(reply, 429, form, {
              ...filled,
              notice: 'That was quick! Please check your answers and send the form again.',
            });
          case 'form.token_invalid':
            return page(reply, 400, form, {
              ...filled,
              notice: 'The form had expired. Please send it again.',
            });
          case 'rate_limited':
            return send(
              reply,
              429,
              'Please try later',
              '<h1>Please try again later</h1><p>We received many submissions from your connection. Please try again in an hour.</p>',
            );
          default:
            throw error;
        }
      }
      return reply
        .code(303)
        .header('location', `/forms/${form.id}/thanks`)
        .header('cache-control', 'no-store')
        .send();
    },
  );

  scope.get('/forms/:formId/thanks', { schema: { hide: true } }, async (request, reply) => {
    const form = formOrNull((request.params as { formId?: unknown }).formId);
    if (!form) return notFound(reply);
    return send(
      reply,
      200,
      'Thank you',
      `<h1>Thank you</h1><p>${escapeHtml(THANK_YOU.replace(/^Thank you\. /, ''))}</p><p><a href="/privacy">Privacy policy</a></p>`,
    );
  });
}

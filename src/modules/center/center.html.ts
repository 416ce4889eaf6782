/**
 * The privacy center's HTML building blocks: labelled fields with their hint and problem tied to the input
 * (`aria-describedby`, `aria-invalid`), an error summary linking to each field (WCAG 3.3.1, 3.3.3), and the
 * sender with the public pages' headers. No script, no `style=` attribute (the CSP allows only the
 * layout's hashed stylesheet).
 */
import type { FastifyReply } from 'fastify';
import { escapeHtml as esc } from '../../domain/policy/render/html.js';
import type { Policy } from '../../domain/policy/schema.js';
import type { FieldProblem } from '../../errors/app-error.js';
import { renderPage, sendHtml } from '../pages/layout.js';
import { CENTER_TEXT as T } from './center.text.js';

export { esc };

export interface Page {
  readonly title: string;
  readonly body: string;
  /** The page's path when it is in the navigation (marked `aria-current`). */
  readonly currentPath?: string;
  /** Set when the page shows problems: the title starts with "Error:", so screen readers hear it first. */
  readonly hasErrors?: boolean;
}

export type SendPage = (reply: FastifyReply, status: number, page: Page) => FastifyReply;

export function createPageSender(policy: Pick<Policy, 'controller' | 'language'>): SendPage {
  return (reply, status, page) =>
    sendHtml(
      reply,
      status,
      renderPage({
        title: page.hasErrors ? T.errorTitle(page.title) : page.title,
        bodyHtml: page.body,
        controller: policy.controller,
        lang: policy.language ?? T.lang,
        currentPath: page.currentPath,
      }),
    );
}

export const fieldId = (name: string) => `f-${name}`;
const problemOf = (problems: readonly FieldProblem[], name: string) =>
  problems.find((p) => p.field === name)?.message;

/** GOV.UK-style error summary: one link per problem, to its field. */
export function errorSummary(problems: readonly FieldProblem[]): string {
  if (problems.length === 0) return '';
  const items = problems
    .map((p) => `<li><a href="#${esc(fieldId(p.field))}">${esc(p.message)}</a></li>`)
    .join('');
  return `<div class="error-summary" role="alert" aria-labelledby="error-summary-title"><h2 id="error-summary-title">${esc(T.problemHeading)}</h2><ul>${items}</ul></div>`;
}

/** A notice that is not an error (a saved change): announced politely. */
export const notice = (text: string) => `<p class="notice" role="status">${esc(text)}</p>`;

/** `aria-describedby` for the hint and problem; `aria-invalid` only on controls (a group does not take it). */
function describedBy(
  id: string,
  hint: string | undefined,
  problem: string | undefined,
  control = true,
): string {
  const ids = [hint ? `${id}-hint` : '', problem ? `${id}-error` : ''].filter(Boolean).join(' ');
  return `${ids ? ` aria-describedby="${ids}"` : ''}${problem && control ? ' aria-invalid="true"' : ''}`;
}

const hintHtml = (id: string, hint: string | undefined) =>
  hint ? `<p class="hint" id="${id}-hint">${esc(hint)}</p>` : '';
const problemHtml = (id: string, problem: string | undefined) =>
  problem ? `<p class="field-error" id="${id}-error">${esc(problem)}</p>` : '';

export interface InputOptions {
  readonly name: string;
  readonly label: string;
  readonly value: string;
  readonly problems: readonly FieldProblem[];
  readonly hint?: string;
  readonly type?: 'text' | 'email';
  readonly autocomplete?: string;
  readonly maxlength: number;
  readonly required?: boolean;
}

export function input(o: InputOptions): string {
  const id = fieldId(o.name);
  const problem = problemOf(o.problems, o.name);
  const email = o.type === 'email' ? ' inputmode="email" spellcheck="false" autocapitalize="off"' : '';
  const autocomplete = o.autocomplete ? ` autocomplete="${o.autocomplete}"` : '';
  return `<div class="field${problem ? ' has-error' : ''}"><label for="${id}">${esc(o.label)}</label>${hintHtml(id, o.hint)}${problemHtml(id, problem)}
<input type="${o.type ?? 'text'}" id="${id}" name="${esc(o.name)}" value="${esc(o.value)}" maxlength="${o.maxlength}"${autocomplete}${email}${o.required ? ' required' : ''}${describedBy(id, o.hint, problem)}></div>`;
}

export function textarea(o: Omit<InputOptions, 'type' | 'autocomplete'>): string {
  const id = fieldId(o.name);
  const problem = problemOf(o.problems, o.name);
  return `<div class="field${problem ? ' has-error' : ''}"><label for="${id}">${esc(o.label)}</label>${hintHtml(id, o.hint)}${problemHtml(id, problem)}
<textarea id="${id}" name="${esc(o.name)}" rows="4" maxlength="${o.maxlength}"${describedBy(id, o.hint, problem)}>${esc(o.value)}</textarea></div>`;
}

export interface RadiosOptions {
  readonly name: string;
  readonly legend: string;
  readonly hint?: string;
  readonly options: readonly { readonly value: string; readonly label: string; readonly hint?: string }[];
  readonly value: string;
  readonly problems: readonly FieldProblem[];
}

/** A group of radio buttons; the first one carries the field's id, so the error summary can reach it. */
export function radios(o: RadiosOptions): string {
  const id = fieldId(o.name);
  const problem = problemOf(o.problems, o.name);
  const items = o.options
    .map((option, i) => {
      const optionId = i === 0 ? id : `${id}-${i}`;
      const hint = option.hint ? `<span class="hint" id="${optionId}-hint">${esc(option.hint)}</span>` : '';
      const hintRef = option.hint ? ` aria-describedby="${optionId}-hint"` : '';
      const checked = option.value === o.value ? ' checked' : '';
      return `<div class="choice"><input type="radio" id="${optionId}" name="${esc(o.name)}" value="${esc(option.value)}"${checked}${hintRef}><div><label for="${optionId}">${esc(option.label)}</label>${hint}</div></div>`;
    })
    .join('\n');
  return `<fieldset class="field${problem ? ' has-error' : ''}"${describedBy(`${id}-group`, o.hint, problem, false)}><legend>${esc(o.legend)}</legend>${hintHtml(`${id}-group`, o.hint)}${problemHtml(`${id}-group`, problem)}
${items}</fieldset>`;
}

export const hidden = (name: string, value: string) =>
  `<input type="hidden" name="${esc(name)}" value="${esc(value)}">`;

/** A form that is one button (a change): the hidden fields, then the button. */
export function buttonForm(
  action: string,
  fields: Readonly<Record<string, string>>,
  label: string,
  options: { readonly hiddenLabel?: string; readonly secondary?: boolean } = {},
): string {
  const inputs = Object.entries(fields)
    .map(([name, value]) => hidden(name, value))
    .join('');
  const extra = options.hiddenLabel ? `<span class="vh">${esc(options.hiddenLabel)}</span>` : '';
  return `<form method="post" action="${esc(action)}" class="inline">${inputs}<button type="submit"${options.secondary ? ' class="secondary"' : ''}>${esc(label)}${extra}</button></form>`;
}

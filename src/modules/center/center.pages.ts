/**
 * The privacy center's request pages (clause 4; GDPR Art. 12(2): "facilitate the exercise"): the home page
 * with the rights the policy offers and the controller's contact (clause 5), the request form, "check your
 * email", the confirmation page and the status page. Pure functions of the policy and what was asked.
 */
import type { Jurisdiction, Policy, Right } from '../../domain/policy/schema.js';
import { REQUEST_TYPES, type RequestState, type RequestType } from '../../domain/requests/state.js';
import type { FieldProblem } from '../../errors/app-error.js';
import type { RequestRow } from '../requests/requests.repo.js';
import { errorSummary, esc, input, notice, type Page, radios, textarea } from './center.html.js';
import { CORRECTION_ROWS, fixName, type RequestFormValues } from './center.schemas.js';
import { CENTER_TEXT as T } from './center.text.js';

export const CENTER = '/privacy/center';
const REQUEST_FOR: Partial<Record<Right, RequestType>> = {
  access: 'access',
  portability: 'access',
  rectification: 'correction',
  erasure: 'erasure',
  objection: 'objection',
  withdraw_consent: 'withdrawal',
};

/** What the policy offers, as the center's forms need it. */
export interface CenterView {
  readonly policy: Policy;
  /** Request types of the rights offered, in the usual order. */
  readonly types: readonly RequestType[];
  /** Jurisdictions with a deadline; the form asks only when there are several. */
  readonly jurisdictions: readonly Jurisdiction[];
}

export function centerView(policy: Policy): CenterView {
  const offered = new Set(policy.rights.offered.map((r) => REQUEST_FOR[r]));
  const withDeadline = Object.keys(policy.rights.deadlines) as Jurisdiction[];
  const served = policy.controller.jurisdictions.filter((j) => withDeadline.includes(j));
  return {
    policy,
    types: REQUEST_TYPES.filter((t) => offered.has(t)),
    jurisdictions: [...served, ...withDeadline.filter((j) => !served.includes(j))],
  };
}

const link = (href: string, text: string) => `<a href="${esc(href)}">${esc(text)}</a>`;
const mailto = (email: string) => link(`mailto:${email}`, email);
const paragraphs = (...lines: string[]) => lines.map((l) => `<p>${l}</p>`).join('\n');

function rightCard(view: CenterView, right: Right): string {
  const words = T.rights[right];
  const { controller } = view.policy;
  const type = REQUEST_FOR[right];
  let action = '';
  if (right === 'withdraw_consent' && words.action) action = link(`${CENTER}/preferences`, words.action);
  else if (type && words.action) action = link(`${CENTER}/request?type=${type}`, words.action);
  else if (right === 'complaint' && controller.supervisoryAuthority)
    action = `${esc(T.authority)}: ${link(controller.supervisoryAuthority.url, controller.supervisoryAuthority.name)}`;
  else if (right !== 'complaint') action = `${esc(T.writeToUs)} ${mailto(controller.email)}.`;
  return `<li><h3>${esc(words.title)}</h3><p>${esc(words.text)}</p>${action ? `<p>${action}</p>` : ''}</li>`;
}

function contactBlock(policy: Policy): string {
  const c = policy.controller;
  const address = (name: string, lines: readonly string[], email?: string) =>
    `<p><strong>${esc(name)}</strong><br>${lines.map(esc).join('<br>')}${email ? `<br>${esc(T.home.email)}: ${mailto(email)}` : ''}</p>`;
  const blocks = [
    `<address class="contact">${address(c.legalName ?? c.name, c.address, c.email)}${c.phone ? `<p>${esc(T.home.phone)}: ${esc(c.phone)}</p>` : ''}</address>`,
    ...(c.dpo
      ? [`<p>${esc(T.home.dpo)}: ${c.dpo.name ? `${esc(c.dpo.name)}, ` : ''}${mailto(c.dpo.email)}</p>`]
      : []),
    ...(c.euRepresentative
      ? [
          `<h3>${esc(T.home.euRepresentative)}</h3>${address(c.euRepresentative.name, c.euRepresentative.address, c.euRepresentative.email)}`,
        ]
      : []),
    ...(c.ukRepresentative
      ? [
          `<h3>${esc(T.home.ukRepresentative)}</h3>${address(c.ukRepresentative.name, c.ukRepresentative.address, c.ukRepresentative.email)}`,
        ]
      : []),
  ];
  return blocks.join('\n');
}

export function homePage(view: CenterView): Page {
  const company = view.policy.controller.name;
  const rights = view.policy.rights.offered.map((r) => rightCard(view, r)).join('\n');
  return {
    title: T.home.title,
    currentPath: CENTER,
    body: `<h1>${esc(T.home.heading(company))}</h1>
<p class="lead">${esc(T.home.intro(company))}</p>
<ul class="actions"><li>${link(`${CENTER}/request`, T.home.requestLink)}</li><li>${link(`${CENTER}/preferences`, T.home.preferencesLink)}</li></ul>
<h2>${esc(T.home.rightsHeading)}</h2>
<ul class="cards">${rights}</ul>
<h2>${esc(T.home.preferencesHeading)}</h2>
${paragraphs(esc(T.home.preferencesText), link(`${CENTER}/preferences`, T.home.preferencesLink))}
<h2>${esc(T.home.followHeading)}</h2>
${paragraphs(esc(T.home.followText))}
<h2>${esc(T.home.contactHeading)}</h2>
${paragraphs(esc(T.home.contactText(company)))}
${contactBlock(view.policy)}
<h2>${esc(T.home.moreHeading)}</h2>
<ul><li>${link('/privacy', T.home.policyLink)}</li><li>${link('/privacy/versions', T.home.versionsLink)}</li><li>${link('/privacy/processors', T.home.processorsLink)}</li></ul>`,
  };
}

/** "1 month (European Union…, United Kingdom) or 45 days (California)", from the policy's deadlines. */
function deadlineWords(view: CenterView): string {
  const byDuration = new Map<string, string[]>();
  for (const j of view.jurisdictions) {
    const respond = view.policy.rights.deadlines[j]?.respond;
    if (respond) byDuration.set(respond, [...(byDuration.get(respond) ?? []), T.jurisdictions[j]]);
  }
  const parts = [...byDuration].map(([d, places]) =>
    byDuration.size === 1 ? T.duration(d) : `${T.duration(d)} (${places.join(', ')})`,
  );
  return parts.join(' or ');
}

export function requestFormPage(
  view: CenterView,
  values: RequestFormValues,
  problems: readonly FieldProblem[],
): Page {
  const typeField = radios({
    name: 'type',
    legend: T.request.typeLegend,
    options: view.types.map((t) => ({ value: t, label: T.types[t].label, hint: T.types[t].hint })),
    value: values.type,
    problems,
  });
  const fixes = Array.from({ length: CORRECTION_ROWS }, (_, i) => {
    const fix = values.fixes[i] ?? { field: '', value: '' };
    return `<div class="pair">${input({ name: fixName(i, 'field'), label: T.request.correctionField(i + 1), value: fix.field, maxlength: 100, problems })}
${input({ name: fixName(i, 'value'), label: T.request.correctionValue(i + 1), value: fix.value, maxlength: 2000, problems })}</div>`;
  }).join('\n');
  const correction = view.types.includes('correction')
    ? `<div class="panel"><fieldset><legend>${esc(T.request.correctionLegend)}</legend><p class="hint">${esc(T.request.correctionHint)}</p>\n${fixes}</fieldset></div>`
    : '';
  const jurisdiction =
    view.jurisdictions.length > 1
      ? radios({
          name: 'jurisdiction',
          legend: T.request.jurisdictionLegend,
          hint: T.request.jurisdictionHint,
          options: [
            ...view.jurisdictions.map((j) => ({ value: j, label: T.jurisdictions[j] })),
            { value: '', label: T.request.jurisdictionOther },
          ],
          value: values.jurisdiction,
          problems,
        })
      : '';
  return {
    title: T.request.title,
    hasErrors: problems.length > 0,
    body: `<h1>${esc(T.request.title)}</h1>
${errorSummary(problems)}
${paragraphs(esc(T.request.intro), esc(T.request.deadline(deadlineWords(view))))}
<form method="post" action="${CENTER}/request" novalidate>
${typeField}
${correction}
${input({ name: 'email', label: T.request.emailLabel, hint: T.request.emailHint, value: values.email, type: 'email', autocomplete: 'email', maxlength: 320, required: true, problems })}
${jurisdiction}
${textarea({ name: 'message', label: T.request.messageLabel, value: values.message, maxlength: 4000, problems })}
<p><button type="submit">${esc(T.request.submit)}</button></p>
</form>`,
  };
}

export function sentPage(text: string, back: string = CENTER): Page {
  return {
    title: T.sent.title,
    body: `<h1>${esc(T.sent.title)}</h1>
${paragraphs(esc(text), esc(T.sent.notArrived), link(back, T.sent.back))}`,
  };
}

export function verifyPage(policy: Policy, id: string, token: string): Page {
  return {
    title: T.verify.title,
    body: `<h1>${esc(T.verify.title)}</h1>
${paragraphs(esc(T.verify.text(policy.controller.name)))}
<form method="post" action="${CENTER}/verify"><input type="hidden" name="request" value="${esc(id)}"><input type="hidden" name="token" value="${esc(token)}"><button type="submit">${esc(T.verify.button)}</button></form>`,
  };
}

/** The steps a request of this type goes through, as far as it went. */
function stepsOf(r: RequestRow): RequestState[] {
  if (r.state === 'rejected')
    return ['received', ...(r.verifiedAt ? (['verified'] as const) : []), 'rejected'];
  if (r.type === 'objection' || r.type === 'withdrawal') return ['received', 'verified', 'completed'];
  if (r.type === 'correction')
    return ['received', 'verified', 'in_progress', 'awaiting_approval', 'completed'];
  return ['received', 'verified', 'in_progress', 'completed'];
}

function stepList(r: RequestRow): string {
  const steps = stepsOf(r);
  const at = steps.indexOf(r.state);
  const items = steps.map((step, i) => {
    const final = r.state === 'completed' || r.state === 'rejected';
    const kind = i < at || (final && i === at) ? 'done' : i === at ? 'current' : 'todo';
    const state = kind === 'done' ? T.status.stepDone : kind === 'todo' ? T.status.stepTodo : '';
    const current = i === at ? ' aria-current="step"' : '';
    return `<li class="${kind}"${current}>${esc(T.status.steps[step])}${state ? `<span class="vh">${esc(state)}</span>` : ''}</li>`;
  });
  return `<ol class="steps" aria-label="${esc(T.status.stepsLabel)}">${items.join('')}</ol>`;
}

export interface StatusContext {
  readonly statusPath: string;
  readonly statusUrl: string;
  readonly downloadPath: string;
  readonly exportExpiresAt: number | null;
  readonly now: number;
  readonly confirmed?: boolean;
}

export function statusPage(policy: Policy, r: RequestRow, ctx: StatusContext): Page {
  const lines: string[] = [];
  if (r.state === 'completed') lines.push(esc(T.status.done[r.type]));
  if (r.state === 'rejected') {
    if (r.closingReason) lines.push(esc(T.status.rejected(r.closingReason)));
    lines.push(esc(T.status.complain));
  }
  if (r.state !== 'completed' && r.state !== 'rejected')
    lines.push(
      esc(
        r.extended && r.extensionReason
          ? T.status.extended(r.extensionReason, T.date(r.dueAt))
          : T.status.due(T.date(r.dueAt)),
      ),
    );
  let download = '';
  if (r.type === 'access' && r.state === 'completed' && ctx.exportExpiresAt !== null) {
    download =
      ctx.exportExpiresAt >= ctx.now
        ? `<p class="download"><a href="${esc(ctx.downloadPath)}" download>${esc(T.status.download)}</a></p>${paragraphs(esc(T.status.downloadUntil(T.date(ctx.exportExpiresAt))))}`
        : paragraphs(
            esc(T.status.downloadExpired(T.date(ctx.exportExpiresAt))),
            link(`${CENTER}/request?type=access`, T.errors.newRequest),
          );
  }
  return {
    title: ctx.confirmed ? T.verify.confirmedTitle : T.status.title,
    body: `<h1>${esc(T.status.title)}</h1>
${ctx.confirmed ? notice(T.verify.confirmed) : ''}
${paragraphs(esc(`${T.status.asked(policy.controller.name, T.asked[r.type])} ${T.status.received(T.date(r.receivedAt))}`))}
${stepList(r)}
<p><strong>${esc(T.status.now[r.state])}</strong></p>
${paragraphs(...lines)}
${download}
<p>${esc(T.status.keep)}<br><a class="url" href="${esc(ctx.statusPath)}">${esc(ctx.statusUrl)}</a></p>
<p>${link(CENTER, T.status.back)}</p>`,
  };
}

/** A link that does not (or no longer) work: a request's, a preferences link, or a preferences session. */
export function invalidLinkPage(kind: 'request' | 'preferences' | 'session'): Page {
  const text =
    kind === 'request'
      ? [T.errors.link, T.errors.linkRequest]
      : kind === 'preferences'
        ? [T.errors.link, T.errors.linkPreferences]
        : [T.errors.sessionEnded];
  const next =
    kind === 'request'
      ? link(`${CENTER}/request`, T.errors.newRequest)
      : link(`${CENTER}/preferences`, T.errors.newLink);
  return {
    title: T.errors.linkTitle,
    body: `<h1>${esc(T.errors.linkTitle)}</h1>\n${paragraphs(...text.map(esc), next)}`,
  };
}

export function rateLimitedPage(policy: Policy, back: string): Page {
  return {
    title: T.errors.rateLimitedTitle,
    body: `<h1>${esc(T.errors.rateLimitedTitle)}</h1>
${paragraphs(esc(T.errors.rateLimited), `${esc(T.errors.orWrite)} ${mailto(policy.controller.email)}.`, link(back, T.sent.back))}`,
  };
}

export function notFoundPage(): Page {
  return {
    title: T.errors.notFoundTitle,
    body: `<h1>${esc(T.errors.notFoundTitle)}</h1>\n${paragraphs(esc(T.errors.notFound), link(CENTER, T.sent.back))}`,
  };
}

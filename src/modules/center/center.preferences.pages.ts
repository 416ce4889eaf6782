/**
 * The preferences pages of the privacy center (clause 1.1: withdraw at any time, as easily as given,
 * GDPR Art. 7(3); clause 1.6.3.2 and Art. 21(3): stop marketing): the form asking for the email address,
 * and the page the emailed link opens. Every change is a one-button form carrying the link or session.
 */
import type { Policy } from '../../domain/policy/schema.js';
import type { FieldProblem } from '../../errors/app-error.js';
import { buttonForm, errorSummary, esc, input, notice, type Page } from './center.html.js';
import { CENTER } from './center.pages.js';
import type { PreferenceChange } from './center.schemas.js';
import type { ConsentChoice, MarketingChoice, PreferencesView } from './center.service.js';
import { CENTER_TEXT as T } from './center.text.js';

export const MANAGE = `${CENTER}/preferences/manage`;

export function askPage(email: string, problems: readonly FieldProblem[]): Page {
  return {
    title: T.preferences.askTitle,
    hasErrors: problems.length > 0,
    body: `<h1>${esc(T.preferences.askTitle)}</h1>
${errorSummary(problems)}
<p>${esc(T.preferences.askIntro)}</p>
<form method="post" action="${CENTER}/preferences" novalidate>
${input({ name: 'email', label: T.request.emailLabel, value: email, type: 'email', autocomplete: 'email', maxlength: 320, required: true, problems })}
<p><button type="submit">${esc(T.preferences.askSubmit)}</button></p>
</form>`,
  };
}

/** The credential every change form carries: the emailed link until the first change, then the session. */
export type Credential = { readonly link: string } | { readonly session: string };

function consentCard(c: ConsentChoice, credential: Credential): string {
  const state =
    c.status === 'given' && c.since !== null
      ? T.preferences.given(T.date(c.since))
      : c.status === 'withdrawn' && c.since !== null
        ? T.preferences.withdrawn(T.date(c.since))
        : T.preferences.notAsked;
  const action = c.status === 'given' ? 'withdraw' : 'give';
  const button = buttonForm(
    MANAGE,
    { ...credential, action, purpose: c.purpose },
    action === 'withdraw' ? T.preferences.withdraw : T.preferences.give,
    { hiddenLabel: T.preferences.forPurpose(c.title), secondary: action === 'withdraw' },
  );
  return `<li><h3>${esc(c.title)}</h3><p>${esc(c.description)}</p><p class="state state-${c.status ?? 'none'}">${esc(state)}</p>${button}</li>`;
}

function marketingCard(m: MarketingChoice, all: boolean, credential: Credential): string {
  const audience =
    m.audience === 'consent' ? T.preferences.audienceConsent : T.preferences.audienceRelationship;
  const state =
    m.unsubscribedSince !== null
      ? T.preferences.unsubscribedSince(T.date(m.unsubscribedSince))
      : all
        ? T.preferences.everything
        : T.preferences.subscribed;
  const off = m.unsubscribedSince !== null || all;
  const button = off
    ? ''
    : buttonForm(
        MANAGE,
        { ...credential, action: 'unsubscribe', purpose: m.purpose },
        T.preferences.unsubscribe,
        {
          hiddenLabel: T.preferences.forPurpose(m.title),
          secondary: true,
        },
      );
  return `<li><h3>${esc(m.title)}</h3><p>${esc(m.description)}</p><p>${esc(audience)}</p><p class="state state-${off ? 'withdrawn' : 'given'}">${esc(state)}</p>${button}</li>`;
}

/** What a change was, told back after it is saved; null for anything the policy does not know. */
export function savedMessage(policy: Policy, change: PreferenceChange | null): string | null {
  if (!change) return null;
  if (change.action === 'unsubscribe_all') return T.preferences.saved.unsubscribedAll;
  const title = policy.purposes.find((p) => p.id === change.purpose)?.title;
  if (!title) return null;
  if (change.action === 'give') return T.preferences.saved.given(title);
  if (change.action === 'withdraw') return T.preferences.saved.withdrawn(title);
  return T.preferences.saved.unsubscribed(title);
}

export function managePage(
  policy: Policy,
  view: PreferencesView,
  credential: Credential,
  options: { readonly saved: string | null; readonly sessionMinutes: string },
): Page {
  const company = policy.controller.name;
  const all = view.allMarketingSince !== null;
  const consents =
    view.consents.length > 0
      ? `<ul class="cards">${view.consents.map((c) => consentCard(c, credential)).join('\n')}</ul>`
      : `<p>${esc(T.preferences.noConsentPurposes)}</p>`;
  const anyOff = all || view.marketing.some((m) => m.unsubscribedSince !== null);
  const marketing =
    view.marketing.length > 0
      ? `<h2>${esc(T.preferences.marketingHeading)}</h2>
<p>${esc(T.preferences.marketingIntro)}</p>
${all ? `<p class="state state-withdrawn"><strong>${esc(T.preferences.allSince(T.date(view.allMarketingSince!)))}</strong></p>` : ''}
<ul class="cards">${view.marketing.map((m) => marketingCard(m, all, credential)).join('\n')}</ul>
${all ? '' : buttonForm(MANAGE, { ...credential, action: 'unsubscribe_all' }, T.preferences.unsubscribeAll)}
${anyOff ? `<p>${esc(T.preferences.resubscribe.before)} <a href="mailto:${esc(policy.controller.email)}">${esc(policy.controller.email)}</a>. ${esc(T.preferences.resubscribe.after)}</p>` : ''}`
      : '';
  return {
    title: T.preferences.title,
    body: `<h1>${esc(T.preferences.title)}</h1>
${options.saved ? notice(options.saved) : ''}
<p>${esc(T.preferences.intro(company))}</p>
<p class="hint">${esc(T.preferences.sessionNote(options.sessionMinutes))}</p>
<h2>${esc(T.preferences.consentHeading)}</h2>
<p>${esc(T.preferences.consentIntro)}</p>
${consents}
${marketing}`,
  };
}

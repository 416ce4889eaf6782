import { escapeHtml } from '../domain/policy/render/index.js';

export interface RenderedEmail {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

type Template = (payload: Record<string, string>) => RenderedEmail;

const REQUEST_WORDS: Record<string, string> = {
  access: 'a copy of your personal data',
  correction: 'a correction of your personal data',
  erasure: 'the erasure of your personal data',
  objection: 'that we stop using your personal data for marketing',
  withdrawal: 'the withdrawal of your consent',
};

function page(lines: string[], link?: { href: string; label: string }): string {
  const body = lines.map((l) => `<p>${escapeHtml(l)}</p>`).join('\n');
  const button = link ? `<p><a href="${escapeHtml(link.href)}">${escapeHtml(link.label)}</a></p>` : '';
  return `<!doctype html><html><body>${body}${button}</body></html>`;
}

/** Every email Steward sends, in one place (text ready for translation). Payload values are escaped. */
export const TEMPLATES: Record<string, Template> = {
  'request.verify': (p) => {
    const what = REQUEST_WORDS[p.type ?? ''] ?? 'something about your personal data';
    const lines = [
      `Someone, hopefully you, asked ${p.controller} for ${what}.`,
      `To confirm that this address is yours, open the link below within ${p.validFor}. If you did not ask, ignore this email: nothing will happen.`,
    ];
    return {
      subject: `Confirm your privacy request to ${p.controller}`,
      text: `${lines.join('\n\n')}\n\n${p.link}\n`,
      html: page(lines, { href: p.link ?? '', label: 'Confirm my request' }),
    };
  },
  'request.extended': (p) => {
    const lines = [
      `We need more time to answer your privacy request to ${p.controller}: ${p.reason}`,
      `We will answer by ${p.due}.`,
    ];
    return {
      subject: `Your privacy request to ${p.controller}: more time needed`,
      text: `${lines.join('\n\n')}\n`,
      html: page(lines),
    };
  },
  'request.completed': (p) => {
    const lines = [`Your privacy request to ${p.controller} is complete.`, ...(p.note ? [p.note] : [])];
    return {
      subject: `Your privacy request to ${p.controller} is complete`,
      text: `${lines.join('\n\n')}\n${p.link ? `\n${p.link}\n` : ''}`,
      html: page(lines, p.link ? { href: p.link, label: 'Download your data' } : undefined),
    };
  },
  // The privacy center's magic link (clause 1.1, GDPR Art. 7(3)): sent only to addresses Steward knows.
  'preferences.link': (p) => {
    const lines = [
      `Someone, hopefully you, asked for a link to see and change the emails ${p.controller} sends you and the consents you gave.`,
      `Open the link below within ${p.validFor}. It works once: after your first change, the page stays open for a while so you can make more. If you did not ask, ignore this email: nothing will change.`,
    ];
    return {
      subject: `Your emails and consent at ${p.controller}`,
      text: `${lines.join('\n\n')}\n\n${p.link}\n`,
      html: page(lines, { href: p.link ?? '', label: 'See and change my choices' }),
    };
  },
  'request.rejected': (p) => {
    const lines = [
      `We could not act on your privacy request to ${p.controller}: ${p.reason}`,
      'You may complain to a data protection supervisory authority and seek a judicial remedy (GDPR Art. 12(4)).',
    ];
    return {
      subject: `Your privacy request to ${p.controller}`,
      text: `${lines.join('\n\n')}\n`,
      html: page(lines),
    };
  },
  // Clause 6 and WP260 rev.01 § 30: a material change told explicitly, before it takes effect, with time to
  // object or withdraw. `changes` is one plain-language change per line.
  'policy.changed': (p) => {
    const changes = (p.changes ?? '').split('\n').filter(Boolean);
    const intro = `${p.controller} is changing its privacy policy. The new version takes effect on ${p.effective}.`;
    const after = [
      ...(p.reconsent === 'yes'
        ? [
            'Where we rely on your consent, we will ask you for it again. Continuing to use our services does not count as consent.',
          ]
        : []),
      'Before then you can object, withdraw your consent or ask us to delete your data, free of charge.',
    ];
    const list = `<ul>${changes.map((c) => `<li>${escapeHtml(c)}</li>`).join('')}</ul>`;
    const paragraphs = (lines: string[]) => lines.map((l) => `<p>${escapeHtml(l)}</p>`).join('');
    const link = `<p><a href="${escapeHtml(p.link ?? '')}">Read the new version and what changed</a></p>`;
    return {
      subject: `${p.controller} is changing its privacy policy on ${p.effective}`,
      text: `${intro}\n\nWhat changes:\n${changes.map((c) => `- ${c}`).join('\n')}\n\n${after.join('\n\n')}\n\nRead the new version and what changed: ${p.link}\n`,
      html: `<!doctype html><html><body>${paragraphs([intro, 'What changes:'])}${list}${paragraphs(after)}${link}</body></html>`,
    };
  },
};

export function renderEmail(template: string, payload: Record<string, string>): RenderedEmail {
  const render = TEMPLATES[template];
  if (!render) throw new Error(`unknown email template ${template}`);
  return render(payload);
}

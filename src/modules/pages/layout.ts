import { createHash } from 'node:crypto';
import type { FastifyReply } from 'fastify';
import { escapeHtml } from '../../domain/policy/render/html.js';
import type { Controller } from '../../domain/policy/schema.js';

/**
 * The shell of every public page: one inline stylesheet, no script. The stylesheet is allowed by the
 * Content-Security-Policy through its hash (CSP Level 3 "hash-source"), computed once at startup: no
 * 'unsafe-inline', no per-request nonce, and the header is a constant. Never add a `style=` attribute:
 * the hash does not cover it.
 */
export const PAGE_STYLE = `
:root{color-scheme:light dark;--fg:#1b1f24;--muted:#57606a;--bg:#fff;--line:#d0d7de;--accent:#0b57d0;--panel:#f6f8fa}
@media (prefers-color-scheme:dark){:root{--fg:#e6edf3;--muted:#9da7b3;--bg:#0d1117;--line:#30363d;--accent:#6ea8fe;--panel:#161b22}}
*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;background:var(--bg);color:var(--fg);font:1.0625rem/1.65 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;overflow-wrap:break-word}
.wrap{max-width:46rem;margin:0 auto;padding:0 1.25rem}
a{color:var(--accent);text-underline-offset:.15em}
a:focus-visible,main:focus-visible{outline:3px solid var(--accent);outline-offset:2px}
.skip{position:absolute;left:-999px;top:.5rem;background:var(--bg);padding:.5rem 1rem;border:2px solid var(--accent);z-index:1}
.skip:focus{left:.5rem}
header.site,footer.site{background:var(--panel);border-color:var(--line);border-style:solid;border-width:0}
header.site{border-bottom-width:1px;padding:.75rem 0}
header.site .wrap{display:flex;flex-wrap:wrap;gap:.5rem 1.5rem;align-items:baseline;justify-content:space-between}
.brand{font-weight:600;color:var(--fg);text-decoration:none}
nav ul{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:.25rem 1rem}
nav a[aria-current=page]{font-weight:600;text-decoration:none}
nav li+li{margin-top:0}
button{font:inherit;font-weight:600;padding:.6rem 1.4rem;border-radius:.4rem;border:1px solid var(--accent);background:var(--accent);color:var(--bg);cursor:pointer;min-height:2.75rem}
button:focus-visible{outline:3px solid var(--fg);outline-offset:2px}
main{display:block;padding:1.5rem 0 3rem}
main:focus{outline:none}
h1,h2,h3,h4,h5,h6{line-height:1.25;margin:2rem 0 .75rem}
h1{font-size:2rem;margin-top:.5rem}
h2{font-size:1.5rem;padding-top:1rem;border-top:1px solid var(--line)}
h3{font-size:1.25rem}
h4,h5,h6{font-size:1.0625rem}
.clause{color:var(--muted);font-variant-numeric:tabular-nums;margin-right:.25em}
p,ul,table{margin:0 0 1rem}
ul{padding-left:1.5rem}
li+li{margin-top:.25rem}
.table-scroll{overflow-x:auto;margin:0 0 1rem}
.table-scroll:focus-visible{outline:3px solid var(--accent)}
table{border-collapse:collapse;width:100%;min-width:34rem;font-size:.9375rem}
caption{text-align:left;font-weight:600;padding:0 0 .5rem}
th,td{border:1px solid var(--line);padding:.4rem .6rem;text-align:left;vertical-align:top}
th{background:var(--panel)}
footer.site{border-top-width:1px;padding:1.5rem 0 2rem;font-size:.9375rem;color:var(--muted)}
footer.site address{font-style:normal;margin:0 0 1rem}
footer.site address strong{color:var(--fg)}
.vh{position:absolute;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;clip-path:inset(50%);white-space:nowrap;border:0}
:root{--bad:#b3261e;--good:#1a7f37}
@media (prefers-color-scheme:dark){:root{--bad:#ff9b8f;--good:#56d364}}
.lead{font-size:1.125rem}
label,legend{font-weight:600}
.field{margin:0 0 1.5rem}
fieldset{border:0;padding:0;margin:0 0 1.5rem;min-width:0}
legend{padding:0;margin:0 0 .35rem;font-size:1.125rem}
input[type=text],input[type=email],textarea{display:block;font:inherit;width:100%;max-width:32rem;padding:.55rem .7rem;margin-top:.25rem;border:2px solid var(--muted);border-radius:.35rem;background:var(--bg);color:var(--fg);min-height:2.75rem}
textarea{max-width:40rem}
input:focus-visible,textarea:focus-visible{outline:3px solid var(--accent);outline-offset:1px}
.hint{display:block;color:var(--muted);font-weight:400;font-size:.9375rem;margin:.1rem 0 .25rem}
.choice{display:flex;gap:.75rem;align-items:flex-start;margin:.6rem 0}
.choice input{flex:none;width:1.4rem;height:1.4rem;margin:.2rem 0 0;accent-color:var(--accent)}
.choice input:focus-visible{outline:3px solid var(--accent);outline-offset:2px}
.choice label{font-weight:400}
.pair{display:grid;gap:0 1rem;grid-template-columns:repeat(auto-fit,minmax(14rem,1fr))}
.pair .field{margin-bottom:.75rem}
.has-error{border-left:4px solid var(--bad);padding-left:.9rem}
.has-error input,.has-error textarea{border-color:var(--bad)}
.field-error{color:var(--bad);font-weight:600;margin:.25rem 0}
.error-summary{border:3px solid var(--bad);border-radius:.4rem;padding:1rem 1.25rem;margin:0 0 1.5rem}
.error-summary h2{border:0;padding:0;margin:0 0 .5rem;font-size:1.25rem}
.error-summary ul{margin:0}
.error-summary a{color:var(--bad);font-weight:600}
.notice{border-left:5px solid var(--good);background:var(--panel);padding:.75rem 1rem;font-weight:600}
.cards{list-style:none;padding:0;display:grid;gap:1rem;grid-template-columns:repeat(auto-fit,minmax(16rem,1fr))}
.cards>li{margin:0;border:1px solid var(--line);border-radius:.5rem;padding:1rem 1.25rem;display:flex;flex-direction:column}
.cards h3{margin:0 0 .5rem}
.cards p{margin:0 0 .75rem}
.cards form{margin-top:auto}
.state{font-weight:600}
form.inline{margin:0 0 1rem}
button.secondary{background:var(--bg);color:var(--accent)}
.steps{list-style:none;padding:0;margin:1.25rem 0;display:flex;flex-wrap:wrap;gap:.5rem}
.steps li{margin:0;padding:.3rem .8rem;border:2px solid var(--line);border-radius:1rem;color:var(--muted)}
.steps li.done{border-color:var(--good);color:var(--fg)}
.steps li.done::before{content:"\\2713  " / ""}
.steps li.current{border-color:var(--accent);color:var(--fg);font-weight:600}
.url{word-break:break-all}
.download a{font-weight:600;font-size:1.125rem}
address.contact{font-style:normal}
.actions{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.75rem}
.actions li{margin:0}
.actions a{display:inline-block;padding:.55rem 1.1rem;border:2px solid var(--accent);border-radius:.4rem;font-weight:600;text-decoration:none}
.actions a:hover{text-decoration:underline}
.panel{background:var(--panel);border:1px solid var(--line);border-radius:.5rem;padding:1rem 1.25rem;margin:0 0 1.5rem}
.panel fieldset{margin:0}
@media (max-width:40rem){body{font-size:1rem}h1{font-size:1.625rem}h2{font-size:1.3rem}h3{font-size:1.125rem}.wrap{padding:0 1rem}}
@media print{header.site,footer.site nav,.skip{display:none}a{color:inherit}}
`.trim();

export const PAGE_STYLE_HASH = `sha256-${createHash('sha256').update(PAGE_STYLE, 'utf8').digest('base64')}`;

/** The Content-Security-Policy header of every public page: nothing but this stylesheet and own images. */
export const PAGE_CSP = [
  "default-src 'none'",
  `style-src '${PAGE_STYLE_HASH}'`,
  "img-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join('; ');

/**
 * Sends a rendered page that must not be cached (a form, its answer, a status): the page CSP and no-store.
 * nosniff and no-referrer come from the HTTP layer, on every response.
 */
export function sendHtml(reply: FastifyReply, status: number, html: string): FastifyReply {
  return reply
    .code(status)
    .type('text/html; charset=utf-8')
    .header('content-security-policy', PAGE_CSP)
    .header('cache-control', 'no-store')
    .send(html);
}

// The public pages, in the order of the navigation on every page.
const NAV: readonly { readonly href: string; readonly label: string }[] = [
  { href: '/privacy', label: 'Privacy policy' },
  { href: '/privacy/processors', label: 'Data processors' },
  { href: '/privacy/versions', label: 'Versions' },
  { href: '/privacy/center', label: 'Privacy center' },
];

export interface PageInput {
  readonly title: string;
  /** Trusted HTML (already escaped by its renderer). */
  readonly bodyHtml: string;
  readonly controller: Controller;
  /** BCP 47 tag of the page's language (the policy's `language`). */
  readonly lang?: string;
  /** Path of this page, marked `aria-current` in the navigation. */
  readonly currentPath?: string;
}

function navigation(currentPath: string | undefined, label: string): string {
  const items = NAV.map(({ href, label: text }) => {
    const current = href === currentPath ? ' aria-current="page"' : '';
    return `<li><a href="${href}"${current}>${escapeHtml(text)}</a></li>`;
  });
  return `<nav aria-label="${escapeHtml(label)}"><ul>${items.join('')}</ul></nav>`;
}

/** Clause 5 of the seed policy: the controller's contact, on every public page. */
function contact(c: Controller): string {
  const lines = [
    `<strong>${escapeHtml(c.legalName ?? c.name)}</strong>`,
    ...c.address.map(escapeHtml),
    `Email: <a href="mailto:${escapeHtml(c.email)}">${escapeHtml(c.email)}</a>`,
    ...(c.phone ? [`Phone: ${escapeHtml(c.phone)}`] : []),
    `Website: <a href="${escapeHtml(c.website)}">${escapeHtml(c.website)}</a>`,
    ...(c.dpo
      ? [
          `Data protection officer: <a href="mailto:${escapeHtml(c.dpo.email)}">${escapeHtml(c.dpo.name ?? c.dpo.email)}</a>`,
        ]
      : []),
  ];
  return `<address>${lines.join('<br>\n')}</address>`;
}

/** A complete HTML5 document: skip link, header with navigation, `<main>`, footer with the contact. */
export function renderPage(input: PageInput): string {
  const { controller } = input;
  return `<!doctype html>
<html lang="${escapeHtml(input.lang ?? 'en')}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(input.title)} · ${escapeHtml(controller.name)}</title>
<style>${PAGE_STYLE}</style>
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header class="site"><div class="wrap">
<a class="brand" href="/privacy">${escapeHtml(controller.name)}</a>
${navigation(input.currentPath, 'Privacy')}
</div></header>
<main id="main" tabindex="-1"><div class="wrap">
${input.bodyHtml}
</div></main>
<footer class="site"><div class="wrap">
${contact(controller)}
${navigation(input.currentPath, 'Privacy pages')}
</div></footer>
</body>
</html>
`;
}

/**
 * `steward policy render` and `/privacy`: the human-readable policy, generated from the same file Steward
 * enforces, so the published text and the running rules cannot drift apart. One document model, two
 * serialisers; the structure follows the seed policy's sections 1–6.
 */
import type { Policy } from '../schema.js';
import { collectingSection } from './collecting.js';
import { createContext } from './context.js';
import { toHtml } from './html.js';
import { toMarkdown } from './markdown.js';
import { type Block, type PolicyDocument, paragraph, strong } from './model.js';
import { amendmentsSection, contactSection, rightsSection } from './rights.js';
import { sharingSection, transfersSection } from './sharing.js';

export interface RenderOptions {
  /** Date shown as "Last modified" when the file gives none (default: today). */
  readonly now?: Date;
  /** Edition label shown at the end (default: the file's `version`). */
  readonly versionLabel?: string;
  /** Content hash of the policy version, shown at the end so a reader can cite the exact text. */
  readonly contentHash?: string;
}

const LONG_DATE = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'UTC' });

function colophon(policy: Policy, options: RenderOptions): Block[] {
  const date = policy.lastModified
    ? new Date(`${policy.lastModified}T00:00:00Z`)
    : (options.now ?? new Date());
  const version = options.versionLabel ?? policy.version;
  return [
    paragraph(strong('Last modified:'), ` ${LONG_DATE.format(date)}`),
    ...(version ? [paragraph(strong('Version:'), ` ${version}`)] : []),
    ...(options.contentHash ? [paragraph(strong('Content hash:'), ` ${options.contentHash}`)] : []),
  ];
}

/** The policy as a document model: what both serialisers (and any future one) render. */
export function buildPolicyDocument(policy: Policy, options: RenderOptions = {}): PolicyDocument {
  const ctx = createContext(policy);
  return {
    title: 'Privacy Policy',
    blocks: [
      paragraph(
        `This privacy policy explains how ${policy.controller.legalName ?? policy.controller.name} (“we”, “us”) collects and processes personal data, ` +
          'why, on what legal basis, for how long, with whom we share them, and which rights you have.',
      ),
      collectingSection(ctx),
      sharingSection(ctx),
      transfersSection(ctx),
      rightsSection(ctx),
      contactSection(ctx),
      amendmentsSection(ctx),
      ...colophon(policy, options),
    ],
  };
}

/**
 * The policy as Markdown, or as an HTML fragment (an `<h1>` and one `<section>` per clause, every string
 * escaped) to place in a page shell: the server's layout, or the company's own website.
 */
export function renderPolicy(policy: Policy, format: 'md' | 'html', options: RenderOptions = {}): string {
  const doc = buildPolicyDocument(policy, options);
  return format === 'md' ? toMarkdown(doc) : toHtml(doc);
}

export { escapeHtml } from './html.js';
export { escapeMarkdown } from './markdown.js';
export type { PolicyDocument } from './model.js';
export { describeRetention, describeTransfer } from './words.js';

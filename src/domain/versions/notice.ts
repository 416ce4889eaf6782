/**
 * What the email about a material change says (template `policy.changed`): each material change in one
 * plain sentence, when it takes effect, where to read the new version, and whether consent will be asked
 * again. The same payload goes to every account holder: it names no one.
 */
import type { PolicyDiff } from '../policy/diff.js';
import type { Policy } from '../policy/schema.js';

/** An email stays readable; the full list is one click away on /privacy/versions. */
export const MAX_NOTICE_LINES = 20;

export function formatNoticeDate(at: number): string {
  return new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(at));
}

export function noticePayload(input: {
  readonly policy: Policy;
  readonly previous: Policy | null;
  readonly diff: PolicyDiff;
  readonly effectiveAt: number;
  readonly link: string;
}): Record<string, string> {
  const material = input.diff.changes.filter((c) => c.material);
  const lines = material.slice(0, MAX_NOTICE_LINES).map((c) => c.summary.replace(/\s+/g, ' ').trim());
  if (material.length > MAX_NOTICE_LINES)
    lines.push(`And ${material.length - MAX_NOTICE_LINES} more changes: see the link below.`);
  const consentBased = new Set(
    [...input.policy.purposes, ...(input.previous?.purposes ?? [])]
      .filter((p) => p.legalBasis === 'consent')
      .map((p) => p.id),
  );
  const reconsent = material.some((c) => c.purposes.some((p) => consentBased.has(p)));
  return {
    controller: input.policy.controller.name,
    effective: formatNoticeDate(input.effectiveAt),
    changes: lines.join('\n'),
    reconsent: reconsent ? 'yes' : 'no',
    link: input.link,
  };
}

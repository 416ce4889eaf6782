/**
 * How long form submissions are kept: the period of the form's purpose (clause 1.4), counted from what
 * Steward itself records about the submission.
 *
 * - `collected`: from the submission (`submitted_at`).
 * - `last_contact`: a submission is a contact, so from the person's latest submission to a form of the
 *   same purpose (an anonymous or unlinked submission counts alone). Contacts outside Steward (emails, a
 *   help desk) are not seen here; they keep their own records under their own rules.
 * - any other anchor (`relationship_ended`, `consent_withdrawn`, `event:`, `column:`): not judged from
 *   submissions. No sweep deletes them; they go with an erasure request, and the conformance report
 *   names the purpose as having no schedule.
 */
import type { Policy } from '../policy/schema.js';

export type SubmissionCount = 'submission' | 'latest_submission_of_person';

export interface SubmissionRetention {
  /** `form_submissions.<purpose>`: the rule id in sweep reports. */
  readonly id: string;
  readonly purpose: string;
  readonly anchor: string;
  readonly duration: string;
  /** Forms of the policy that collect for this purpose. */
  readonly forms: readonly string[];
  /** How the period is counted, or null when Steward cannot judge the anchor from submissions. */
  readonly counted: SubmissionCount | null;
}

const COUNTED: Readonly<Record<string, SubmissionCount>> = {
  collected: 'submission',
  last_contact: 'latest_submission_of_person',
};

/** One rule per purpose that a form collects for, in the order the forms first name them. */
export function planSubmissionRetention(policy: Pick<Policy, 'forms' | 'purposes'>): SubmissionRetention[] {
  const rules = new Map<string, SubmissionRetention>();
  for (const form of policy.forms) {
    const seen = rules.get(form.purpose);
    if (seen) {
      rules.set(form.purpose, { ...seen, forms: [...seen.forms, form.id] });
      continue;
    }
    const purpose = policy.purposes.find((p) => p.id === form.purpose);
    if (!purpose) continue; // undefined-reference refuses such a policy
    rules.set(form.purpose, {
      id: `form_submissions.${purpose.id}`,
      purpose: purpose.id,
      anchor: purpose.retention.anchor,
      duration: purpose.retention.duration,
      forms: [form.id],
      counted: COUNTED[purpose.retention.anchor] ?? null,
    });
  }
  return [...rules.values()];
}

import type { Generated } from 'kysely';

/**
 * Kysely table types for Steward's own store (SQLite or PostgreSQL).
 * Times are epoch milliseconds (bigint in PostgreSQL, parsed to number), booleans are 0/1,
 * JSON is text: one representation on both dialects.
 */
export interface ApiKeyTable {
  id: string;
  name: string;
  role: string;
  hash: string;
  created_at: number;
  last_used_at: number | null;
  revoked_at: number | null;
}

export interface SubjectTable {
  id: string;
  created_at: number;
  updated_at: number;
}

export interface SubjectIdentityTable {
  id: string;
  subject_id: string;
  type: string;
  namespace: string;
  value: string;
  created_at: number;
}

export interface RelationshipTable {
  id: string;
  subject_id: string;
  kind: string;
  started_at: number;
  ended_at: number | null;
  reference: string | null;
  created_at: number;
  updated_at: number;
}

export interface AuditTable {
  seq: number;
  id: string;
  at: number;
  actor: string;
  action: string;
  subject_id: string | null;
  target: string | null;
  detail: string;
  prev_hash: string;
  hash: string;
}

export interface ChainHeadTable {
  chain: string;
  seq: number;
  hash: string;
}

export interface ConsentEventTable {
  seq: number;
  id: string;
  subject_id: string;
  purpose: string;
  action: string;
  channel: string;
  occurred_at: number;
  recorded_at: number;
  actor: string;
  policy_hash: string;
  evidence: string;
  prev_hash: string;
  hash: string;
}

export interface ConsentStateTable {
  subject_id: string;
  purpose: string;
  status: string;
  seq: number;
  since: number;
}

export interface SuppressionTable {
  subject_id: string;
  scope: string;
  active: number;
  reason: string;
  seq: number;
  since: number;
}

export interface LedgerCheckpointTable {
  seq: number;
  head: string;
  issued_at: number;
  key_id: string;
  document: string;
}

export interface DsrRequestTable {
  id: string;
  type: string;
  state: string;
  email: string;
  subject_id: string | null;
  jurisdiction: string;
  received_at: number;
  due_at: number;
  extended: number;
  extension_reason: string | null;
  verified_at: number | null;
  closed_at: number | null;
  closing_reason: string | null;
  details: string;
  result: string | null;
  status_token_hash: string | null;
  updated_at: number;
}

export interface DsrVerificationTable {
  token_hash: string;
  request_id: string;
  expires_at: number;
  used_at: number | null;
}

export interface DsrExportTable {
  token_hash: string;
  request_id: string;
  expires_at: number;
  created_at: number;
  /** The ZIP, base64: text keeps one column type on both dialects. */
  archive: string;
}

export interface DisclosureTable {
  id: string;
  subject_id: string;
  recipient: string;
  categories: string;
  basis: string;
  reference: string | null;
  disclosed_at: number;
  recorded_by: string;
}

export interface RestrictionTable {
  dataset: string;
  table_name: string;
  row_key: string;
  request_id: string | null;
  rule: string;
  until: number;
  created_at: number;
}

export interface OutboxEmailTable {
  id: string;
  recipient: string;
  template: string;
  payload: string;
  status: string;
  attempts: number;
  next_attempt_at: number;
  claimed_until: number | null;
  sent_at: number | null;
  last_error: string | null;
  created_at: number;
}

export interface RateLimitTable {
  bucket: string;
  window_start: number;
  hits: number;
}

export interface RetentionRunTable {
  id: string;
  trigger: string;
  dry_run: number;
  status: string;
  started_at: number;
  finished_at: number | null;
  actor: string;
  report: string;
}

export interface LegalHoldTable {
  id: string;
  subject_id: string | null;
  dataset: string | null;
  table_name: string | null;
  row_key: string | null;
  reason: string;
  expires_at: number | null;
  created_at: number;
  created_by: string;
  released_at: number | null;
  released_by: string | null;
}

export interface RetentionSubjectTable {
  rule: string;
  subject_id: string;
  done_at: number;
}

export interface JobSlotTable {
  id: string;
  job: string;
  slot_start: number;
  claimed_by: string;
  claimed_at: number;
  finished_at: number | null;
  outcome: string | null;
}

/** Website access logs (policy `securityLogs`); `ip_key`/`ip_end` see src/domain/logs/ip-range.ts. */
export interface SecurityLogTable {
  id: Generated<number>;
  time: number;
  method: string;
  path: string;
  status: number;
  user_agent: string | null;
  ip: string;
  ip_truncated: number;
  ip_key: string;
  ip_end: string | null;
}

/** Form and survey answers (policy `forms`); an anonymous row never has a subject. */
export interface FormSubmissionTable {
  id: string;
  form_id: string;
  purpose: string;
  anonymous: number;
  answers: string;
  submitted_at: number;
  subject_id: string | null;
}

/** Published policy versions (clause 6): immutable text, diff against the one before, effective date. */
export interface PolicyVersionTable {
  id: string;
  seq: number;
  content_hash: string;
  policy_hash: string;
  label: string | null;
  yaml: string;
  policy: string;
  previous_id: string | null;
  changes: string;
  material: number;
  effective_at: number;
  published_at: number;
  published_by: string;
  /** none | queuing | queued: the notices of a material change to account holders. */
  notices_state: string;
  notices_cursor: string | null;
  notices_queued_at: number | null;
}

/** One notice of a material change per (version, account holder); the email itself is in the outbox. */
export interface PolicyNoticeTable {
  version_id: string;
  subject_id: string;
  outbox_id: string;
  created_at: number;
}

export interface OperatorTable {
  id: string;
  email: string;
  password_hash: string;
  role: string;
  failed_logins: number;
  locked_until: number | null;
  disabled_at: number | null;
  last_login_at: number | null;
  created_at: number;
  updated_at: number;
}

export interface OperatorSessionTable {
  id_hash: string;
  operator_id: string;
  csrf_hash: string;
  created_at: number;
  expires_at: number;
  last_seen_at: number;
}

/** Privacy-center magic links (hashes only): one session per link, each with its own expiry. */
export interface PreferenceLinkTable {
  token_hash: string;
  subject_id: string;
  created_at: number;
  expires_at: number;
  used_at: number | null;
  session_hash: string | null;
  session_expires_at: number | null;
}

export interface DB {
  api_keys: ApiKeyTable;
  subjects: SubjectTable;
  subject_identities: SubjectIdentityTable;
  relationships: RelationshipTable;
  audit_log: AuditTable;
  chain_heads: ChainHeadTable;
  consent_events: ConsentEventTable;
  consent_state: ConsentStateTable;
  suppressions: SuppressionTable;
  ledger_checkpoints: LedgerCheckpointTable;
  dsr_requests: DsrRequestTable;
  dsr_verifications: DsrVerificationTable;
  dsr_exports: DsrExportTable;
  disclosures: DisclosureTable;
  restrictions: RestrictionTable;
  outbox_emails: OutboxEmailTable;
  rate_limits: RateLimitTable;
  retention_runs: RetentionRunTable;
  legal_holds: LegalHoldTable;
  retention_subjects: RetentionSubjectTable;
  job_slots: JobSlotTable;
  operators: OperatorTable;
  operator_sessions: OperatorSessionTable;
  security_logs: SecurityLogTable;
  policy_versions: PolicyVersionTable;
  policy_notices: PolicyNoticeTable;
  form_submissions: FormSubmissionTable;
  preference_links: PreferenceLinkTable;
}

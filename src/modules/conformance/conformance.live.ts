/**
 * Checks computed from live data: the company's stores against their retention rules, the security logs
 * against their promised maximum, eligibility against every suppression and withdrawal, request
 * deadlines, the integrity of the consent ledger and the audit trail, and the sweeps themselves.
 * Counts and ids only: no check puts a person's data in its evidence.
 */
import { type ExpressionBuilder, type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.js';
import { type ConformanceCheck, check, failedCheck } from '../../domain/conformance/check.js';
import { planSubmissionRetention } from '../../domain/forms/retention.js';
import type { Policy } from '../../domain/policy/schema.js';
import { retentionCutoff } from '../../domain/retention/cutoff.js';
import { verifyAuditTrail } from '../audit/audit.verify.js';
import { verifyLedger } from '../consent/ledger.maintenance.js';
import { ALL_MARKETING } from '../consent/ledger.types.js';
import type { EligibilityService } from '../eligibility/eligibility.service.js';
import { expireSubmissions } from '../forms/forms.retention.js';
import type { RetentionService } from '../retention/retention.service.js';

export interface LiveDeps {
  readonly db: Kysely<DB>;
  readonly policy: Policy;
  readonly retention: RetentionService;
  readonly eligibility: EligibilityService;
  /** How long an expired row may wait for the next sweep before it counts as kept too long. */
  readonly graceMs: number;
}

const iso = (ms: number | null | undefined) =>
  ms === null || ms === undefined ? null : new Date(Number(ms)).toISOString();
const clausesOfPurposes = (policy: Policy, ids: readonly string[]) => [
  ...new Set(policy.purposes.filter((p) => ids.includes(p.id)).flatMap((p) => p.clauses ?? [])),
];
const DAY_MS = 86_400_000;
/** Anonymous submissions whose answers are read per report; beyond it the evidence says `truncated`. */
const MAX_SCANNED_SUBMISSIONS = 100_000;
const describeError = (error: unknown) => (error instanceof Error ? error.message.slice(0, 300) : 'failed');

export async function retentionChecks(deps: LiveDeps, now: number): Promise<ConformanceCheck[]> {
  const states = await deps.retention.inspect(now - deps.graceMs);
  const out: ConformanceCheck[] = states.map((state) => {
    const { rule, count } = state;
    const promise = `${rule.table} rows of ${rule.dataset} are kept ${rule.duration} after ${rule.anchor}${rule.hold ? ` (${rule.hold.obligation} hold ${rule.hold.duration})` : ''}, then ${rule.action.kind === 'delete' ? 'deleted' : 'anonymised'}`;
    const fields = {
      id: `retention.${rule.id}`,
      promise,
      clauses: clausesOfPurposes(deps.policy, rule.purposes),
    };
    if (!count) return failedCheck(fields, state.error ?? 'the store could not be counted');
    const overdue = count.expired - count.blocked;
    const breaks: string[] = [];
    if (overdue > 0) breaks.push(`${overdue} rows are past their period and the last sweep's grace`);
    if (count.blocked > 0)
      breaks.push(
        `${count.blocked} expired rows are kept because rows of ${rule.dependents.map((d) => d.table).join(', ')} still reference them`,
      );
    const oldest =
      count.oldest instanceof Date
        ? count.oldest.toISOString()
        : count.oldest === null
          ? null
          : String(count.oldest);
    return check({
      ...fields,
      evidence: {
        cutoff: state.cutoff.toISOString(),
        oldestAnchor: oldest,
        overdue,
        blocked: count.blocked,
        held: state.held,
      },
      breaks,
    });
  });
  for (const report of await deps.retention.inspectPersons(now - deps.graceMs)) {
    const fields = {
      id: `retention.${report.dataset}.${report.table}`,
      promise: `${report.table} rows of ${report.dataset} are kept per person only while a purpose of the table still allows it`,
      clauses: clausesOfPurposes(
        deps.policy,
        deps.policy.datasets.find((d) => d.id === report.dataset)?.tables.find((t) => t.name === report.table)
          ?.purposes ?? [],
      ),
    };
    if (report.error) {
      out.push(failedCheck(fields, report.error));
      continue;
    }
    const breaks: string[] = [];
    if (report.rows > 0)
      breaks.push(
        `${report.rows} rows of ${report.subjects ?? 0} people are past every purpose and the last sweep's grace`,
      );
    if (report.blocked > 0)
      breaks.push(
        `${report.blocked} expired rows are kept because other rows of the same people reference them`,
      );
    out.push(
      check({
        ...fields,
        evidence: {
          overdueRows: report.rows,
          people: report.subjects ?? 0,
          heldPeople: report.held,
          blocked: report.blocked,
        },
        breaks,
      }),
    );
  }
  // Tables that declare purposes but no retention rule: nothing removes their rows on a schedule.
  for (const dataset of deps.policy.datasets) {
    for (const table of dataset.tables) {
      if (table.retention) continue;
      const purposes = deps.policy.purposes.filter((p) => table.purposes.includes(p.id));
      out.push(
        check({
          id: `retention.${dataset.id}.${table.name}`,
          promise: `${table.name} rows of ${dataset.id} are kept only as long as ${purposes.map((p) => p.id).join(', ') || 'their purposes'} allow`,
          clauses: clausesOfPurposes(deps.policy, table.purposes),
          evidence: {
            rule: null,
            purposes: purposes.map((p) => `${p.id}: ${p.retention.duration} after ${p.retention.anchor}`),
          },
          breaks: [
            'the table has no retention rule (retention: anchor, duration), so no sweep removes its rows',
          ],
        }),
      );
    }
  }
  return out;
}

export async function securityLogChecks(deps: LiveDeps, now: number): Promise<ConformanceCheck[]> {
  const logs = deps.policy.securityLogs;
  if (!logs) return [];
  const clauses = logs.clauses ?? [];
  const deleteBefore = retentionCutoff(new Date(now - deps.graceMs), logs.deleteAfter).getTime();
  const truncateBefore = retentionCutoff(new Date(now - deps.graceMs), logs.fullIpFor).getTime();
  const [row] = await sql<{
    total: number | string;
    oldest: number | string | null;
    stale: number | string;
    full: number | string;
  }>`
    select count(*) as total, min(time) as oldest,
      sum(case when time < ${deleteBefore} then 1 else 0 end) as stale,
      sum(case when ip_truncated = 0 and time < ${truncateBefore} then 1 else 0 end) as full
    from security_logs`
    .execute(deps.db)
    .then((r) => r.rows);
  const stale = Number(row?.stale ?? 0);
  const full = Number(row?.full ?? 0);
  return [
    check({
      id: 'security_logs.deletion',
      promise: `Website logs are deleted after ${logs.deleteAfter}`,
      clauses,
      evidence: {
        rows: Number(row?.total ?? 0),
        oldest: iso(row?.oldest === null ? null : Number(row?.oldest)),
        deleteBefore: iso(deleteBefore),
      },
      breaks: stale > 0 ? [`${stale} log rows are older than ${logs.deleteAfter}`] : [],
    }),
    check({
      id: 'security_logs.ip_truncation',
      promise: `Full IP addresses are kept ${logs.fullIpFor}, then shortened to /${logs.truncate.ipv4} (IPv4) and /${logs.truncate.ipv6} (IPv6)`,
      clauses,
      evidence: { truncateBefore: iso(truncateBefore) },
      breaks: full > 0 ? [`${full} log rows still hold a full IP address after ${logs.fullIpFor}`] : [],
    }),
  ];
}

/** Every suppressed or withdrawn address is run through eligibility; none may come out allowed. */
export async function marketingChecks(deps: LiveDeps, now: number): Promise<ConformanceCheck[]> {
  const marketing = deps.policy.purposes.filter((p) => p.marketing);
  if (marketing.length === 0) return [];
  const limit = 100_000;
  const suppressed = await deps.db
    .selectFrom('suppressions as s')
    .innerJoin('subject_identities as i', 'i.subject_id', 's.subject_id')
    .select(['i.value as email', 's.scope as scope'])
    .where('s.active', '=', 1)
    .where('i.type', '=', 'email')
    .limit(limit)
    .execute();
  const withdrawn = await deps.db
    .selectFrom('consent_state as c')
    .innerJoin('subject_identities as i', 'i.subject_id', 'c.subject_id')
    .select(['i.value as email', 'c.purpose as scope'])
    .where('c.status', '=', 'withdrawn')
    .where('i.type', '=', 'email')
    .limit(limit)
    .execute();
  const breaks: string[] = [];
  let checked = 0;
  for (const purpose of marketing) {
    const emails = [
      ...new Set(
        [...suppressed, ...withdrawn]
          .filter((r) => r.scope === ALL_MARKETING || r.scope === purpose.id)
          .map((r) => r.email),
      ),
    ];
    for (let i = 0; i < emails.length; i += 5000) {
      const verdicts = await deps.eligibility.checkChunk(emails.slice(i, i + 5000), purpose.id, now);
      checked += verdicts.length;
      const allowed = verdicts.filter((v) => v.allowed).length;
      if (allowed > 0)
        breaks.push(`${allowed} suppressed or withdrawn addresses are eligible for ${purpose.id}`);
    }
  }
  return [
    check({
      id: 'marketing.suppression_wins',
      promise: 'No marketing to an address that unsubscribed or withdrew consent',
      clauses: ['1.6.3.2', '1.6.4.2', '1.6.4.3'],
      evidence: {
        suppressedAddresses: suppressed.length,
        withdrawnConsents: withdrawn.length,
        checks: checked,
        truncated: suppressed.length >= limit || withdrawn.length >= limit,
      },
      breaks,
    }),
  ];
}

export async function requestChecks(deps: LiveDeps, now: number): Promise<ConformanceCheck[]> {
  const late = await deps.db
    .selectFrom('dsr_requests')
    .select(['id', 'state', 'due_at', 'closed_at'])
    .where((eb) =>
      eb.or([
        eb.and([eb('closed_at', 'is not', null), eb(eb.ref('closed_at'), '>', eb.ref('due_at'))]),
        eb.and([eb('closed_at', 'is', null), eb('due_at', '<', now)]),
      ]),
    )
    .orderBy('due_at')
    .limit(50)
    .execute();
  const [totals] = await deps.db
    .selectFrom('dsr_requests')
    .select((eb) => [eb.fn.countAll<number>().as('total'), eb.fn.count<number>('closed_at').as('closed')])
    .execute();
  return [
    check({
      id: 'requests.deadlines',
      promise: 'Requests to access, correct or erase data are answered within their legal deadline',
      clauses: ['4', '4.1'],
      evidence: {
        requests: Number(totals?.total ?? 0),
        closed: Number(totals?.closed ?? 0),
        late: late.map((r) => r.id),
      },
      breaks: late.map((r) =>
        r.closed_at === null
          ? `request ${r.id} is open past its due date ${iso(r.due_at)}`
          : `request ${r.id} was closed ${iso(r.closed_at)}, after its due date ${iso(r.due_at)}`,
      ),
    }),
  ];
}

export async function integrityChecks(deps: LiveDeps): Promise<ConformanceCheck[]> {
  const ledger = await verifyLedger(deps.db);
  const audit = await verifyAuditTrail(deps.db);
  const verdictBreaks = (name: string, v: typeof audit | typeof ledger) =>
    v.ok ? [] : [`${name} chain broken: ${'firstBad' in v ? JSON.stringify(v.firstBad) : v.checkpoint}`];
  return [
    check({
      id: 'consent.ledger_integrity',
      promise: 'Every consent given and withdrawn is kept as tamper-evident proof',
      clauses: ['1.1', '1.6.4'],
      evidence: { entries: ledger.ok ? ledger.count : null },
      breaks: verdictBreaks('the consent ledger', ledger),
    }),
    check({
      id: 'audit.integrity',
      promise: 'Every access to and change of personal data through Steward is on a tamper-evident record',
      clauses: ['4', '5'],
      evidence: { entries: audit.ok ? audit.count : null },
      breaks: verdictBreaks('the audit trail', audit),
    }),
  ];
}

/**
 * Forms (clause 1.6.5). `forms.anonymous_storage`: an anonymous form's stored submissions hold nothing
 * that leads to a person (1.6.5.1): no subject, only the day, answers to declared non-email fields only,
 * and no audit entry naming them (its instant would date them). The table has no column for an IP
 * address, user agent or cookie. Then, per purpose, submissions are deleted when its period runs out.
 */
export async function formChecks(deps: LiveDeps, now: number): Promise<ConformanceCheck[]> {
  const { forms } = deps.policy;
  if (forms.length === 0) return [];
  const anonymousForms = forms.filter((f) => f.anonymous).map((f) => f.id);
  // A row stored anonymous, or of a form the policy now calls anonymous, must hold nothing identifying.
  const anonymous = (eb: ExpressionBuilder<DB, 'form_submissions'>) =>
    anonymousForms.length > 0
      ? eb.or([eb('anonymous', '=', 1), eb('form_id', 'in', anonymousForms)])
      : eb('anonymous', '=', 1);
  const totals = await deps.db
    .selectFrom('form_submissions')
    .select((eb) => [
      eb.fn.countAll<number>().as('rows'),
      sql<number>`sum(case when subject_id is not null then 1 else 0 end)`.as('linked'),
      sql<number>`sum(case when submitted_at % ${DAY_MS} <> 0 then 1 else 0 end)`.as('timed'),
    ])
    .where(anonymous)
    .executeTakeFirst();
  const audited = await deps.db
    .selectFrom('audit_log')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('target', 'in', (eb) => eb.selectFrom('form_submissions').select('id').where(anonymous))
    .executeTakeFirst();
  const allowed = new Map(
    forms.map((f) => [f.id, new Set(f.fields.filter((x) => x.type !== 'email').map((x) => x.name))]),
  );
  let scanned = 0;
  let undeclared = 0;
  for (let after = ''; scanned < MAX_SCANNED_SUBMISSIONS; ) {
    const batch = await deps.db
      .selectFrom('form_submissions')
      .select(['id', 'form_id', 'answers'])
      .where(anonymous)
      .where('id', '>', after)
      .orderBy('id')
      .limit(1000)
      .execute();
    for (const row of batch) {
      const keys = Object.keys(JSON.parse(row.answers) as Record<string, unknown>);
      if (keys.some((k) => !allowed.get(row.form_id)?.has(k))) undeclared++;
    }
    scanned += batch.length;
    if (batch.length < 1000) break;
    after = batch.at(-1)!.id;
  }
  const linked = Number(totals?.linked ?? 0);
  const timed = Number(totals?.timed ?? 0);
  const auditEntries = Number(audited?.n ?? 0);
  const breaks: string[] = [];
  if (linked > 0) breaks.push(`${linked} anonymous submissions are linked to a person`);
  if (timed > 0) breaks.push(`${timed} anonymous submissions are stored with their exact time, not the day`);
  if (undeclared > 0)
    breaks.push(
      `${undeclared} anonymous submissions hold answers to fields that are not declared, or ask for an email`,
    );
  if (auditEntries > 0) breaks.push(`${auditEntries} audit entries name anonymous submissions`);
  const clauses = [...new Set(forms.filter((f) => f.anonymous).flatMap((f) => f.clauses ?? []))];
  const out = [
    check({
      id: 'forms.anonymous_storage',
      promise:
        'Answers to anonymous forms and surveys are stored without identity, IP address, user agent or cookie',
      clauses: clauses.length > 0 ? clauses : ['1.6.5.1'],
      evidence: {
        anonymousForms,
        submissions: Number(totals?.rows ?? 0),
        scanned,
        truncated: scanned >= MAX_SCANNED_SUBMISSIONS,
      },
      breaks,
    }),
  ];
  for (const rule of planSubmissionRetention(deps.policy)) {
    const fields = {
      id: `retention.${rule.id}`,
      promise: `Submissions to forms for ${rule.purpose} are kept ${rule.duration} after ${rule.anchor}, then deleted`,
      clauses: clausesOfPurposes(deps.policy, [rule.purpose]),
    };
    if (rule.counted === null) {
      out.push(
        check({
          ...fields,
          evidence: { forms: [...rule.forms], rule: null },
          breaks: [
            `the period counts from '${rule.anchor}', which Steward cannot judge from submissions, so no sweep deletes them`,
          ],
        }),
      );
      continue;
    }
    const { rows, cutoff } = await expireSubmissions(deps.db, rule, now - deps.graceMs, { dryRun: true });
    out.push(
      check({
        ...fields,
        evidence: { forms: [...rule.forms], cutoff: iso(cutoff), overdue: rows },
        breaks: rows > 0 ? [`${rows} submissions are past their period and the last sweep's grace`] : [],
      }),
    );
  }
  return out;
}

/** The sweeps themselves: the last applied sweep must be recent and clean. */
export async function sweepChecks(
  deps: LiveDeps & { periodMs: number },
  now: number,
): Promise<ConformanceCheck[]> {
  const last = await deps.db
    .selectFrom('retention_runs')
    .select(['id', 'status', 'finished_at'])
    .where('dry_run', '=', 0)
    .where('status', '!=', 'running')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  const breaks: string[] = [];
  if (!last) breaks.push('no retention sweep has run yet');
  else {
    if (last.status !== 'ok') breaks.push(`the last sweep ${last.id} ended ${last.status}`);
    if (Number(last.finished_at) < now - 2 * deps.periodMs)
      breaks.push(`the last sweep finished ${iso(last.finished_at)}, more than two periods ago`);
  }
  return [
    check({
      id: 'retention.sweeps',
      promise: 'Retention sweeps run on schedule and finish cleanly',
      clauses: ['1.4'],
      evidence: {
        lastRun: last?.id ?? null,
        status: last?.status ?? null,
        finishedAt: iso(last?.finished_at),
        periodMinutes: deps.periodMs / 60_000,
      },
      breaks,
    }),
  ];
}

export { describeError };

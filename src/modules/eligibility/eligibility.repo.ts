import type BetterSqlite3 from 'better-sqlite3';
import type pg from 'pg';
import type { Store } from '../../db/connect.js';
import type { SubjectMarketingState } from '../../domain/consent/eligibility.js';

/**
 * Loads, for many canonical emails at once, what eligibility needs: the subject, its relationships of
 * the audience kind, its consent for the purpose and its active suppressions. One set-based statement
 * per chunk (DESIGN §5: a loop of point lookups cannot filter a million addresses in 2 s).
 * `policyHash` also reads the policy each consent was given under (one primary-key probe per address),
 * only while a material policy change may make older consent outdated.
 */
export interface EligibilityStateLoader {
  load(
    emails: readonly string[],
    purpose: string,
    relationshipKind: string | null,
    options?: { readonly policyHash?: boolean },
  ): Promise<Map<string, SubjectMarketingState>>;
}

interface Row {
  email: string;
  subject_id: string;
  consent: string | null;
  suppressions: string | null;
  relationships: string | null;
}

// Aggregates are packed as `a|b|c` records joined by `;` (ids, numbers and fixed words only: no separators inside).
function decode(row: Row): SubjectMarketingState {
  const split = (text: string | null) => (text ? text.split(';').map((r) => r.split('|')) : []);
  return {
    subjectId: row.subject_id,
    consents: split(row.consent).map(([purpose, status, seq, since, policyHash]) => ({
      purpose: purpose!,
      status: status as 'given' | 'withdrawn',
      seq: Number(seq),
      since: Number(since),
      ...(policyHash ? { policyHash } : {}),
    })),
    suppressions: split(row.suppressions).map(([scope, reason, seq, since]) => ({
      scope: scope!,
      active: true,
      reason: reason!,
      seq: Number(seq),
      since: Number(since),
    })),
    relationships: split(row.relationships).map(([id, kind, startedAt, endedAt]) => ({
      id: id!,
      kind: kind!,
      startedAt: Number(startedAt),
      endedAt: endedAt ? Number(endedAt) : null,
    })),
  };
}

const CONSENT_FIELDS = ['c.purpose', 'c.status', 'c.seq', 'c.since'];
const WITH_POLICY_HASH = [
  ...CONSENT_FIELDS,
  '(select e.policy_hash from consent_events e where e.seq = c.seq)',
];

const SELECT_STATE = (
  emails: string,
  cat: (parts: string[]) => string,
  agg: (expr: string) => string,
  p: (n: number) => string,
  join: string,
  consentFields = CONSENT_FIELDS,
) => `
  select i.value as email, i.subject_id,
    (select ${cat(consentFields)} from consent_state c where c.subject_id = i.subject_id and c.purpose = ${p(2)}) as consent,
    (select ${agg(cat(['s.scope', 's.reason', 's.seq', 's.since']))} from suppressions s where s.subject_id = i.subject_id and s.active = 1 and (s.scope = '*' or s.scope = ${p(2)})) as suppressions,
    (select ${agg(cat(['r.id', 'r.kind', 'r.started_at', 'r.ended_at']))} from relationships r where r.subject_id = i.subject_id and r.kind = ${p(3)}) as relationships
  from ${emails}
  ${join} subject_identities i on i.type = 'email' and i.namespace = '' and i.value = e.value`;

function sqliteLoader(sqlite: BetterSqlite3.Database): EligibilityStateLoader {
  const cat = (parts: string[]) => parts.map((x) => `coalesce(${x}, '')`).join(" || '|' || ");
  const agg = (e: string) => `group_concat(${e}, ';')`;
  const names = ['', '@emails', '@purpose', '@kind'];
  type Params = { emails: string; purpose: string; kind: string };
  // CROSS JOIN fixes SQLite's join order: the address list outside, one index probe per address. Left to
  // the planner, it scans every identity and the whole list for each (5 s per 1,000 addresses at 100,000).
  const name = (n: number) => names[n]!;
  const prepare = (fields: string[]) => ({
    many: sqlite.prepare<[Params], Row>(
      SELECT_STATE('json_each(@emails) e', cat, agg, name, 'cross join', fields),
    ),
    one: sqlite.prepare<[Params], Row>(
      SELECT_STATE('(select @emails as value) e', cat, agg, name, 'cross join', fields),
    ),
  });
  const plain = prepare(CONSENT_FIELDS);
  let hashed: ReturnType<typeof prepare> | undefined;
  const statements = (policyHash: boolean) => {
    if (!policyHash) return plain;
    hashed ??= prepare(WITH_POLICY_HASH);
    return hashed;
  };
  return {
    async load(emails, purpose, kind, options) {
      const out = new Map<string, SubjectMarketingState>();
      const { one, many } = statements(options?.policyHash === true);
      const rows =
        emails.length === 1
          ? one.all({ emails: emails[0]!, purpose, kind: kind ?? '' })
          : many.all({ emails: JSON.stringify(emails), purpose, kind: kind ?? '' });
      for (const row of rows) out.set(row.email, decode(row));
      return out;
    },
  };
}

function postgresLoader(pool: pg.Pool): EligibilityStateLoader {
  const cat = (parts: string[]) => parts.map((x) => `coalesce((${x})::text, '')`).join(" || '|' || ");
  const text = (fields: string[]) =>
    SELECT_STATE(
      'unnest($1::text[]) as e(value)',
      cat,
      (e) => `string_agg(${e}, ';')`,
      (n) => `$${n}`,
      'join',
      fields,
    );
  const plain = text(CONSENT_FIELDS);
  const hashed = text(WITH_POLICY_HASH);
  return {
    async load(emails, purpose, kind, options) {
      const out = new Map<string, SubjectMarketingState>();
      const result = await pool.query<Row>({
        name: options?.policyHash ? 'eligibility-state-hashed' : 'eligibility-state',
        text: options?.policyHash ? hashed : plain,
        values: [emails, purpose, kind ?? ''],
      });
      for (const row of result.rows) out.set(row.email, decode(row));
      return out;
    },
  };
}

/**
 * SQLite reads go through their own read-only connection: in WAL mode it sees only committed data and
 * never waits for the writer, and it does not share the connection a Kysely transaction may hold.
 */
export function createEligibilityStateLoader(store: Store): EligibilityStateLoader {
  return store.dialect === 'sqlite' ? sqliteLoader(store.reader()) : postgresLoader(store.pool);
}

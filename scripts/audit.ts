/**
 * `npm run audit`: the dependency gate of issue 8. Runs `npm audit` on what production installs and fails
 * (exit 1) on any high or critical advisory. When the registry's advisory service cannot be asked (some
 * mirrors answer 405), nothing has been checked: it says so on one line and exits 0, so an unreachable
 * service is reported, never mistaken for a clean result. STEWARD_AUDIT_REQUIRED=1 makes that exit 2.
 */
import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';

/** The parts of `npm audit --json` (report version 2) this gate reads. */
export interface AuditJson {
  readonly metadata?: { readonly vulnerabilities?: Record<string, number> };
  readonly vulnerabilities?: Record<string, { readonly severity: string }>;
  readonly error?: { readonly summary?: string };
  /** npm's own report of a failed request to the advisory service. */
  readonly message?: string;
}

export function auditVerdict(
  stdout: string,
  stderr: string,
  required: boolean,
): { readonly exitCode: number; readonly lines: string[] } {
  let report: AuditJson = {};
  try {
    report = JSON.parse(stdout || '{}') as AuditJson;
  } catch {
    // no JSON at all: the service was not asked
  }
  const counts = report.metadata?.vulnerabilities;
  if (!counts) {
    const why = report.message ?? report.error?.summary ?? (stderr.trim().split('\n')[0] || 'no answer');
    return {
      exitCode: required ? 2 : 0,
      lines: [`audit: NOT CHECKED — the advisory service did not answer (${why})`],
    };
  }
  const lines = Object.entries(report.vulnerabilities ?? {})
    .filter(([, v]) => v.severity === 'high' || v.severity === 'critical')
    .map(([name, v]) => `audit: ${v.severity} ${name}`);
  lines.push(
    `audit: ${counts.critical ?? 0} critical, ${counts.high ?? 0} high, ${counts.moderate ?? 0} moderate, ${counts.low ?? 0} low`,
  );
  return { exitCode: (counts.high ?? 0) + (counts.critical ?? 0) > 0 ? 1 : 0, lines };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const run = spawnSync('npm', ['audit', '--omit=dev', '--json'], { encoding: 'utf8' });
  const verdict = auditVerdict(run.stdout, run.stderr, process.env.STEWARD_AUDIT_REQUIRED === '1');
  process.stdout.write(`${verdict.lines.join('\n')}\n`);
  process.exit(verdict.exitCode);
}

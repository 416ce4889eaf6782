import { describe, expect, it } from 'vitest';
import { auditVerdict } from '../../scripts/audit.js';

function tally(severities: string[]): Record<string, number> {
  const counts: Record<string, number> = { info: 0, low: 0, moderate: 0, high: 0, critical: 0 };
  for (const s of severities) counts[s] = (counts[s] ?? 0) + 1;
  return counts;
}

const report = (vulnerabilities: Record<string, string>) =>
  JSON.stringify({
    auditReportVersion: 2,
    vulnerabilities: Object.fromEntries(
      Object.entries(vulnerabilities).map(([name, severity]) => [name, { name, severity, via: [] }]),
    ),
    metadata: {
      vulnerabilities: tally(Object.values(vulnerabilities)),
    },
  });

describe('the npm audit gate', () => {
  it('passes a clean report, and moderate or low findings', () => {
    expect(auditVerdict(report({}), '', true).exitCode).toBe(0);
    const verdict = auditVerdict(report({ a: 'moderate', b: 'low' }), '', true);
    expect(verdict.exitCode).toBe(0);
    expect(verdict.lines.at(-1)).toBe('audit: 0 critical, 0 high, 1 moderate, 1 low');
  });

  it('fails on a high or critical finding and names the package', () => {
    const verdict = auditVerdict(report({ fastify: 'high', yaml: 'critical', x: 'low' }), '', false);
    expect(verdict.exitCode).toBe(1);
    expect(verdict.lines).toContain('audit: high fastify');
    expect(verdict.lines).toContain('audit: critical yaml');
  });

  it('never calls an unanswered service clean: it says NOT CHECKED, an error when required', () => {
    const refused = JSON.stringify({ message: '405 Method Not Allowed - POST https://registry/…/bulk' });
    expect(auditVerdict(refused, '', false)).toEqual({
      exitCode: 0,
      lines: [
        'audit: NOT CHECKED — the advisory service did not answer (405 Method Not Allowed - POST https://registry/…/bulk)',
      ],
    });
    expect(auditVerdict(refused, '', true).exitCode).toBe(2);
    expect(auditVerdict('', 'npm error audit endpoint returned an error\n', true).lines[0]).toContain(
      'audit endpoint returned an error',
    );
  });
});

import fs from 'node:fs';
import { parse, stringify } from 'yaml';
import { EXAMPLE_POLICY } from '../../src/config/env.js';
import { loadPolicyText } from '../../src/domain/policy/load.js';
import type { BenchCase } from '../harness.js';
import { medianMs } from '../harness.js';

/** The example policy grown to `count` purposes (copies of its own purposes under fresh ids). */
export function generatePolicy(count: number): string {
  const base = parse(fs.readFileSync(EXAMPLE_POLICY, 'utf8')) as { purposes: { id: string }[] };
  const purposes = [];
  for (let i = 0; purposes.length < count; i++) {
    const template = base.purposes[i % base.purposes.length]!;
    purposes.push(i < base.purposes.length ? template : { ...template, id: `${template.id}_${i}` });
  }
  return stringify({ ...base, purposes }, { aliasDuplicateObjects: false });
}

export const policyCheck: BenchCase = {
  name: 'policy-check',
  async run() {
    const text = generatePolicy(1000);
    const check = await medianMs(() => {
      const result = loadPolicyText(text, 'generated.yaml');
      if (!result.policy) throw new Error('generated policy did not load');
    }, 7);
    const yaml = await medianMs(() => parse(text), 7);
    return [
      {
        name: `policy check of a generated 1,000-purpose policy (${Math.round(text.length / 1024)} KiB)`,
        figure: check,
        unit: 'ms',
        baseline: { name: 'plain YAML parse of the same text', figure: yaml },
        ratio: yaml / check,
        notes:
          'check = YAML parse with positions + zod schema + every lint rule; ratio < 1 means slower than the bare parse',
      },
    ];
  },
};

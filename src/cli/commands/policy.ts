import { type Command, Option } from 'commander';
import { exitCodeFor, formatDiagnostics } from '../../domain/policy/diagnostics.js';
import { policyJsonSchema } from '../../domain/policy/json-schema.js';
import { loadPolicyFile } from '../../domain/policy/load.js';
import { renderPolicy } from '../../domain/policy/render/index.js';
import { CliError, writeOutput } from '../output.js';
import { registerPolicyVersionCommands } from './policy-versions.js';

export function registerPolicyCommands(program: Command): void {
  const policy = program.command('policy').description('check, render and describe policy files');

  policy
    .command('check <file>')
    .description('lint a policy file like a compiler: file:line:col  severity  rule  message')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .action((file: string, opts: { format: 'text' | 'json' }) => {
      const result = loadPolicyFile(file);
      const output = formatDiagnostics(result.diagnostics, opts.format);
      if (output) process.stdout.write(`${output}\n`);
      const errors = result.diagnostics.filter((d) => d.severity === 'error').length;
      const warnings = result.diagnostics.length - errors;
      if (opts.format === 'text')
        process.stderr.write(`${file}: ${errors} error(s), ${warnings} warning(s)\n`);
      process.exitCode = exitCodeFor(result.diagnostics);
    });

  policy
    .command('render <file>')
    .description('render the human-readable policy from the file')
    .addOption(new Option('--format <format>', 'output format').choices(['md', 'html']).default('md'))
    .option('--out <file>', 'write to this file instead of stdout')
    .action((file: string, opts: { format: 'md' | 'html'; out?: string }) => {
      const result = loadPolicyFile(file);
      const errors = result.diagnostics.filter((d) => d.severity === 'error');
      if (!result.policy || errors.length > 0) {
        process.stderr.write(`${formatDiagnostics(errors, 'text')}\n`);
        throw new CliError(`${file}: fix the errors above before rendering`);
      }
      const text = renderPolicy(result.policy, opts.format, { contentHash: result.contentHash });
      if (opts.out) writeOutput(opts.out, text);
      else process.stdout.write(text);
    });

  policy
    .command('schema')
    .description('print the JSON Schema of policy files (for editor completion)')
    .action(() => {
      process.stdout.write(`${JSON.stringify(policyJsonSchema(), null, 2)}\n`);
    });

  registerPolicyVersionCommands(policy);
}

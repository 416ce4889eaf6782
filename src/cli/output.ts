import fs from 'node:fs';
import { type IdPrefix, isId } from '../domain/identity/ids.js';

/** An expected CLI failure: printed as one line on stderr with its exit code, no stack trace. */
export class CliError extends Error {
  readonly exitCode: number;
  constructor(message: string, exitCode = 1) {
    super(message);
    this.name = 'CliError';
    this.exitCode = exitCode;
  }
}

/**
 * An id given on the command line, checked before it reaches a query: a malformed one is a usage error
 * (exit 2) that does not quote it; a well-formed unknown one is the command's own "no such …".
 */
export function idArgument(value: string, prefix: IdPrefix, what: string): string {
  if (!isId(value, prefix)) throw new CliError(`not ${what} id (expected ${prefix}_ and 26 characters)`, 2);
  return value;
}

function cannotWrite(file: string, error: unknown): CliError {
  const code = (error as { code?: unknown }).code;
  return new CliError(
    `${file.slice(0, 200)}: cannot write (${typeof code === 'string' ? code : 'error'})`,
    1,
  );
}

/**
 * Refuses an output path that cannot be written (missing directory, a directory, no permission) before
 * any work is done, so the refusal stores nothing; the file is created empty if it did not exist.
 */
export function checkWritable(file: string): void {
  try {
    fs.closeSync(fs.openSync(file, 'a'));
  } catch (error) {
    throw cannotWrite(file, error);
  }
}

export function writeOutput(file: string, text: string): void {
  try {
    fs.writeFileSync(file, text);
  } catch (error) {
    throw cannotWrite(file, error);
  }
}

/** `--limit N`: an integer from 1 to 500, or a usage error (exit 2). */
export function limitOption(value: string): number {
  const limit = Number(value);
  if (!Number.isInteger(limit) || limit < 1 || limit > 500)
    throw new CliError('--limit must be an integer from 1 to 500', 2);
  return limit;
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

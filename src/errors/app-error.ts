import type { ErrorCode } from './catalogue.js';

/** A field-level problem, named by its JSON pointer-like path (RFC 9457 extension member `errors`). */
export interface FieldProblem {
  readonly field: string;
  readonly message: string;
}

/**
 * An expected failure with a stable code from the catalogue. `detail` is shown to the caller,
 * so it must never contain personal data (emails, names, IPs, tokens): name fields, not values.
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly detail: string | undefined;
  readonly errors: readonly FieldProblem[];

  constructor(code: ErrorCode, detail?: string, errors: readonly FieldProblem[] = []) {
    super(detail ?? code);
    this.name = 'AppError';
    this.code = code;
    this.detail = detail;
    this.errors = errors;
  }
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}

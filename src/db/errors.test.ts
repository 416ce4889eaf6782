import { describe, expect, it } from 'vitest';
import { isDatabaseUnavailable, isUniqueViolation } from './errors.js';

const withCode = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('isDatabaseUnavailable', () => {
  it.each([
    ['refused connection', withCode('ECONNREFUSED')],
    ['reset connection', withCode('ECONNRESET')],
    ['PostgreSQL shutting down (57P01)', withCode('57P01')],
    ['PostgreSQL crash shutdown (57P02)', withCode('57P02')],
    ['PostgreSQL starting up (57P03)', withCode('57P03')],
    ['connection exception class 08', withCode('08006')],
    ['too many connections', withCode('53300')],
    ['SQLite locked past the busy timeout', withCode('SQLITE_BUSY')],
    ['pg: connection ended mid-query', new Error('Connection terminated unexpectedly')],
    ['pg: pool connect timeout', new Error('timeout exceeded when trying to connect')],
    ['one of several addresses refused', new AggregateError([withCode('ECONNREFUSED')], 'connect')],
  ])('%s is unavailable (503, retry)', (_name, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    ['a unique violation', withCode('23505')],
    ['invalid input (22P02)', withCode('22P02')],
    ['a syntax error', withCode('42601')],
    ['a constraint on SQLite', withCode('SQLITE_CONSTRAINT_FOREIGNKEY')],
    ['a plain bug', new TypeError('cannot read properties of undefined')],
    ['a message that merely mentions a connection', new Error('Connection refused by policy')],
    ['not an error', 'ECONNREFUSED'],
    ['null', null],
  ])('%s is not', (_name, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });
});

describe('isUniqueViolation', () => {
  it('knows both dialects, and nothing else', () => {
    expect(isUniqueViolation(withCode('23505'))).toBe(true);
    expect(isUniqueViolation(withCode('SQLITE_CONSTRAINT_UNIQUE'))).toBe(true);
    expect(isUniqueViolation(withCode('SQLITE_CONSTRAINT_PRIMARYKEY'))).toBe(true);
    expect(isUniqueViolation(withCode('23503'))).toBe(false);
    expect(isUniqueViolation(undefined)).toBe(false);
  });
});

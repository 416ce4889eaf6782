/**
 * Durations drive deletion and deadlines, so each must parse with the one ISO 8601 parser that retention
 * and request deadlines use (duration.ts): integers only, P…Y…M…W…DT…H…M…S.
 */
import { isValidDuration } from '../duration.js';
import { durationFields } from './durations.js';
import type { Rule } from './types.js';

export const invalidDuration: Rule = {
  id: 'invalid-duration',
  severity: 'error',
  description: 'A duration that is not an ISO 8601 duration such as P90D, P1M or P7Y.',
  *check(policy) {
    for (const field of durationFields(policy)) {
      if (isValidDuration(field.value) || (field.sessionAllowed && field.value === 'session')) continue;
      const hint = /^P\d+\.\d+/.test(field.value)
        ? ' (whole numbers only: P18M, not P1.5Y)'
        : ' such as P90D, P1M or P7Y';
      yield {
        path: field.path,
        message: `${field.owner}: '${field.value}' is not an ISO 8601 duration${hint}`,
      };
    }
  },
};

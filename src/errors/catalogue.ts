/**
 * The one catalogue of error codes Steward can answer with.
 * Domain code throws `new AppError(code, detail)`; only `http/problem.ts` knows about HTTP.
 * The status map is checked to be total by `satisfies Record<ErrorCode, …>`.
 */
export const ERROR_CATALOGUE = {
  'request.invalid': { status: 400, title: 'The request is not valid' },
  'request.unsupported_media_type': { status: 415, title: 'Unsupported content type' },
  'request.body_too_large': { status: 413, title: 'Request body too large' },
  'auth.missing_credentials': { status: 401, title: 'Authentication required' },
  'auth.invalid_credentials': { status: 401, title: 'Invalid credentials' },
  'auth.forbidden': { status: 403, title: 'This role may not perform this operation' },
  'resource.not_found': { status: 404, title: 'Not found' },
  'route.not_found': { status: 404, title: 'No such route' },
  'subject.identity_invalid': { status: 422, title: 'An identity could not be normalised' },
  'subject.identity_conflict': { status: 409, title: 'The identity belongs to another subject' },
  'subject.relationship_invalid': { status: 422, title: 'The relationship is not valid for this policy' },
  'consent.unknown_purpose': { status: 422, title: 'The policy has no such purpose' },
  'consent.not_consent_based': { status: 422, title: 'This purpose does not rest on consent' },
  'eligibility.not_marketing': { status: 422, title: 'This purpose is not a marketing purpose' },
  'logs.not_configured': { status: 409, title: 'The policy keeps no security logs' },
  'request.invalid_transition': { status: 409, title: 'The request cannot move to that state' },
  'request.extension_used': { status: 409, title: 'The deadline was already extended' },
  'request.datasets_unavailable': { status: 503, title: 'The company stores cannot be reached' },
  'retention.hold_released': { status: 409, title: 'The legal hold was already released' },
  'policy.invalid': { status: 422, title: 'The policy text has errors' },
  'policy.effective_too_soon': { status: 422, title: 'The version cannot take effect that early' },
  'form.token_invalid': { status: 400, title: 'The form token is not valid or has expired' },
  'form.too_fast': { status: 429, title: 'The form was sent too soon after it was opened' },
  'operator.exists': { status: 409, title: 'An operator with this email exists' },
  'auth.csrf': { status: 403, title: 'The request lacks the session’s CSRF token' },
  rate_limited: { status: 429, title: 'Too many requests' },
  'service.unavailable': { status: 503, title: 'Service unavailable' },
  internal: { status: 500, title: 'Internal error' },
} as const satisfies Record<string, { status: number; title: string }>;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;

export function statusOf(code: ErrorCode): number {
  return ERROR_CATALOGUE[code].status;
}

/**
 * The life of a data subject request (GDPR Art. 12; 11 CCR §7021). Final states never change again;
 * every transition is audited by the service that makes it.
 */
export const REQUEST_TYPES = ['access', 'correction', 'erasure', 'objection', 'withdrawal'] as const;
export type RequestType = (typeof REQUEST_TYPES)[number];

export const REQUEST_STATES = [
  'received',
  'verified',
  'in_progress',
  'awaiting_approval',
  'completed',
  'rejected',
] as const;
export type RequestState = (typeof REQUEST_STATES)[number];

export const FINAL_STATES: ReadonlySet<RequestState> = new Set(['completed', 'rejected']);

const NEXT: Record<RequestState, readonly RequestState[]> = {
  received: ['verified', 'rejected'],
  verified: ['in_progress', 'completed', 'rejected'],
  in_progress: ['awaiting_approval', 'completed', 'rejected'],
  awaiting_approval: ['in_progress', 'completed', 'rejected'],
  completed: [],
  rejected: [],
};

export function canTransition(from: RequestState, to: RequestState): boolean {
  return NEXT[from].includes(to);
}

export function allowedTransitions(from: RequestState): readonly RequestState[] {
  return NEXT[from];
}

export function isOpen(state: RequestState): boolean {
  return !FINAL_STATES.has(state);
}

/** An audit entry's detail on one line (`field: value, …`); the server keeps personal data out of it. */
export function auditDetailText(detail: Record<string, unknown>): string {
  return Object.entries(detail)
    .map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join(', ');
}

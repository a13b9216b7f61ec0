import type { AuditListRequest } from '../transport/contract';

/** The audit filters as the form holds them; dates as `YYYY-MM-DD` in the viewer's time zone. */
export interface AuditFilters {
  action: string;
  actor: string;
  text: string;
  fromDate: string;
  toDate: string;
}

export const EMPTY_AUDIT_FILTERS: AuditFilters = { action: '', actor: '', text: '', fromDate: '', toDate: '' };
export const AUDIT_PAGE_SIZE = 50;

/** Local midnight of a `YYYY-MM-DD` date, or null when it is not one. */
export function localDayStart(date: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date.trim());
  if (!match) return null;
  const ts = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3])).getTime();
  return Number.isFinite(ts) ? ts : null;
}

/** The `audit.list` request for the filters: the date range covers whole local days, `to` included. */
export function auditRequest(filters: AuditFilters, beforeSeq?: number, limit = AUDIT_PAGE_SIZE): Partial<AuditListRequest> {
  const request: Partial<AuditListRequest> = { limit };
  if (beforeSeq !== undefined) request.beforeSeq = beforeSeq;
  const action = filters.action.trim();
  const actor = filters.actor.trim();
  const text = filters.text.trim();
  if (action) request.action = action;
  if (actor) request.actor = actor;
  if (text) request.text = text;
  const from = localDayStart(filters.fromDate);
  const toStart = localDayStart(filters.toDate);
  if (from !== null) request.from = from;
  if (toStart !== null) {
    // The end of that day: midnight of the next one (DST-safe), minus one millisecond.
    const next = new Date(toStart);
    next.setDate(next.getDate() + 1);
    request.to = next.getTime() - 1;
  }
  return request;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The reason the operator gave, wherever the entry keeps it (`reason` or `confirm.reason`). */
export function reasonOf(detail: unknown): string | null {
  if (!isRecord(detail)) return null;
  if (typeof detail.reason === 'string' && detail.reason.trim() !== '') return detail.reason;
  const confirm = detail.confirm;
  if (isRecord(confirm) && typeof confirm.reason === 'string' && confirm.reason.trim() !== '') return confirm.reason;
  return null;
}

function shortValue(value: unknown): string | null {
  if (value === null) return 'null';
  if (typeof value === 'string') return value.length > 40 ? `${value.slice(0, 39)}…` : value;
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(4)));
  if (typeof value === 'boolean') return String(value);
  // A few strings (image hosts, slots) are named; anything longer or richer is counted.
  if (Array.isArray(value)) return value.length <= 3 && value.every((v) => typeof v === 'string') ? `[${value.map((v) => shortValue(v)).join(', ')}]` : `[${value.length}]`;
  if (isRecord(value)) return '{…}';
  return null;
}

/** A detail in one line: its simple fields as `key: value`, the reason left out (it has its own column), cut at `max` characters. */
export function summariseDetail(detail: unknown, max = 120): string {
  if (detail === null || detail === undefined) return '';
  if (!isRecord(detail)) return shortValue(detail) ?? '';
  const parts: string[] = [];
  for (const [key, value] of Object.entries(detail)) {
    if (key === 'reason' || key === 'confirm') continue;
    const text = shortValue(value);
    if (text !== null) parts.push(`${key}: ${text}`);
  }
  const line = parts.join(' · ');
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/** The whole detail, indented, for the expanded row. */
export function formatDetail(detail: unknown): string {
  return JSON.stringify(detail, null, 2) ?? '';
}

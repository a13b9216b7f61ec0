import type { ListSessionsRequest } from '../transport/contract';

/** The Sessions page's filter form as typed: dates as `yyyy-mm-dd` (the viewer's time zone), lengths as text. */
export interface SessionFilterDraft {
  purchase: 'any' | 'with' | 'without';
  from: string;
  to: string;
  minEvents: string;
  maxEvents: string;
}

export const NO_SESSION_FILTER: SessionFilterDraft = { purchase: 'any', from: '', to: '', minEvents: '', maxEvents: '' };

export type SessionFilterField = Exclude<keyof SessionFilterDraft, 'purchase'>;

/** The filters of a `sessions.list` request (everything but its limit). */
export type SessionFilterRequest = Omit<ListSessionsRequest, 'limit' | 'shopperId'>;

export type SessionFilterResult = { ok: true; request: SessionFilterRequest } | { ok: false; field: SessionFilterField };

const MAX_EVENTS = 1_000_000;

/** Local midnight of a `yyyy-mm-dd` date, or null when the text is not a real date. */
function localMidnight(text: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  if (!match) return null;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(y, m - 1, d);
  if (date.getFullYear() !== y || date.getMonth() !== m - 1 || date.getDate() !== d) return null;
  return date.getTime();
}

/** The day after a local midnight, also across a daylight-saving change. */
function nextMidnight(ts: number): number {
  const d = new Date(ts);
  return new Date(d.getFullYear(), d.getMonth(), d.getDate() + 1).getTime();
}

function count(text: string): number | null | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  if (!/^\d+$/.test(trimmed)) return null;
  const n = Number(trimmed);
  return n >= 1 && n <= MAX_EVENTS ? n : null;
}

/**
 * Reads the form into request filters, or names the field that is wrong. Dates are whole days in the
 * viewer's time zone, both ends included: "to" 12 May keeps sessions started before 13 May 00:00.
 */
export function sessionFilterRequest(d: SessionFilterDraft): SessionFilterResult {
  const request: SessionFilterRequest = {};
  if (d.purchase !== 'any') request.purchased = d.purchase === 'with';
  if (d.from.trim() !== '') {
    const from = localMidnight(d.from);
    if (from === null) return { ok: false, field: 'from' };
    request.startedFrom = from;
  }
  if (d.to.trim() !== '') {
    const to = localMidnight(d.to);
    if (to === null || (request.startedFrom !== undefined && to < request.startedFrom)) return { ok: false, field: 'to' };
    request.startedBefore = nextMidnight(to);
  }
  const min = count(d.minEvents);
  if (min === null) return { ok: false, field: 'minEvents' };
  if (min !== undefined) request.minEvents = min;
  const max = count(d.maxEvents);
  if (max === null || (max !== undefined && min !== undefined && max < min)) return { ok: false, field: 'maxEvents' };
  if (max !== undefined) request.maxEvents = max;
  return { ok: true, request };
}

export function isFiltered(request: SessionFilterRequest): boolean {
  return Object.keys(request).length > 0;
}

/**
 * Wall-clock time in an IANA time zone, with Intl only (no tz library): shared by the engine
 * (schedules) and the console (a rule's start and end typed in the rule's zone).
 */

export interface LocalParts {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  /** 0 = Sunday. */
  readonly weekday: number;
}

const WEEKDAYS: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };
const formats = new Map<string, Intl.DateTimeFormat>();

function formatOf(zone: string): Intl.DateTimeFormat {
  let f = formats.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric', weekday: 'short' });
    formats.set(zone, f);
  }
  return f;
}

/** The wall-clock date and time at instant `ts` (epoch ms) in `zone`. */
export function localParts(ts: number, zone: string): LocalParts {
  const parts: Record<string, string> = {};
  for (const p of formatOf(zone).formatToParts(new Date(ts))) parts[p.type] = p.value;
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour) % 24,
    minute: Number(parts.minute),
    weekday: WEEKDAYS[parts.weekday ?? ''] ?? 0,
  };
}

/** The zone's offset from UTC at instant `ts`, in ms (e.g. -4 h for New York in summer). */
function offsetAt(ts: number, zone: string): number {
  const p = localParts(ts, zone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute);
  return asUtc - Math.floor(ts / 60_000) * 60_000;
}

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

/**
 * The instant (epoch ms) of a wall-clock time `YYYY-MM-DDTHH:mm` in `zone`, or undefined when the
 * text is not one. A time the clocks skip (spring forward) is taken as the same number of minutes
 * after the jump; a time that happens twice (fall back) is its first occurrence.
 */
export function epochOfLocal(local: string, zone: string): number | undefined {
  const m = LOCAL.exec(local);
  if (!m) return undefined;
  const asUtc = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]));
  if (!Number.isFinite(asUtc)) return undefined;
  // Try both offsets around the time (a day apart covers any DST jump); the first that maps back wins.
  const candidates = [...new Set([offsetAt(asUtc - 86_400_000, zone), offsetAt(asUtc + 86_400_000, zone)])].map((o) => asUtc - o).sort((a, b) => a - b);
  for (const ts of candidates) if (asUtc - offsetAt(ts, zone) === ts) return ts;
  // Skipped by a spring-forward jump: the offset before the jump, read after it.
  return asUtc - Math.min(...candidates.map((ts) => offsetAt(ts, zone)));
}

/** `YYYY-MM-DDTHH:mm` of instant `ts` in `zone` (for a datetime-local input). */
export function localInputOf(ts: number, zone: string): string {
  const p = localParts(ts, zone);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${p.year}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}`;
}

import { FieldError } from './field-error';

/**
 * Event times as files give them, read strictly: epoch milliseconds, epoch seconds (numbers below
 * 1e11, fractions allowed) or ISO 8601 with a time and a UTC offset (`2024-05-12T10:00:00Z`,
 * `2024-05-12 10:00:00.5+02:00`). Nothing is guessed: no local time zone, no day/month order, no
 * rolling of 30 February into March.
 */
const EPOCH_SECONDS_BELOW = 1e11;
const NUMERIC = /^\d+(?:\.\d+)?$/;
const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(?:\s*(Z|z|[+-]\d{2}(?::?\d{2})?))?$/;
const ISO_DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const HINT = 'use epoch ms, epoch seconds or ISO 8601 with a UTC offset, e.g. 2024-05-12T10:00:00Z';

function quoted(value: unknown): string {
  return JSON.stringify(value)?.slice(0, 40) ?? String(value);
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function fromEpoch(field: string, n: number, raw: unknown): number {
  if (!Number.isFinite(n)) throw new FieldError(field, `not a timestamp: ${quoted(raw)} (${HINT})`);
  if (n < 0) throw new FieldError(field, `negative timestamp ${quoted(raw)}: times before 1970 are not accepted`);
  return Math.round(n < EPOCH_SECONDS_BELOW ? n * 1000 : n);
}

function fromIso(field: string, text: string, m: RegExpExecArray): number {
  const [year, month, day, hour, minute] = [m[1], m[2], m[3], m[4], m[5]].map(Number) as [number, number, number, number, number];
  const second = m[6] === undefined ? 0 : Number(m[6]);
  const offset = m[8];
  if (offset === undefined) throw new FieldError(field, `${quoted(text)} has no UTC offset: add Z or +hh:mm (local times are not guessed)`);
  if (month < 1 || month > 12) throw new FieldError(field, `impossible date ${quoted(text)}: there is no month ${month}`);
  const days = daysInMonth(year, month);
  if (day < 1 || day > days) throw new FieldError(field, `impossible date ${quoted(text)}: ${MONTH_NAMES[month - 1]} ${year} has ${days} days`);
  if (hour > 23 || minute > 59 || second > 59) throw new FieldError(field, `impossible time of day in ${quoted(text)}`);
  let offsetMinutes = 0;
  if (offset !== 'Z' && offset !== 'z') {
    const digits = offset.slice(1).replace(':', '');
    const oh = Number(digits.slice(0, 2));
    const om = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
    if (oh > 23 || om > 59) throw new FieldError(field, `impossible UTC offset in ${quoted(text)}`);
    offsetMinutes = (offset.startsWith('-') ? -1 : 1) * (oh * 60 + om);
  }
  const millis = m[7] === undefined ? 0 : Math.round(Number(`0.${m[7]}`) * 1000);
  const utc = Date.UTC(year, month - 1, day, hour, minute, second, millis) - offsetMinutes * 60_000;
  // Date.UTC reads years 0-99 as 1900-1999; anything before the epoch is refused either way.
  if (year < 1970 || utc < 0) throw new FieldError(field, `${quoted(text)} is before 1970`);
  return utc;
}

/** Epoch milliseconds, or a FieldError that names the field and says why. */
export function parseTimestamp(field: string, value: unknown): number {
  if (typeof value === 'number') return fromEpoch(field, value, value);
  if (typeof value !== 'string') throw new FieldError(field, `not a timestamp: ${quoted(value)} (${HINT})`);
  const text = value.trim();
  if (NUMERIC.test(text)) return fromEpoch(field, Number(text), value);
  if (/^-\d/.test(text)) throw new FieldError(field, `negative timestamp ${quoted(value)}: times before 1970 are not accepted`);
  const iso = ISO_DATE_TIME.exec(text);
  if (iso) return fromIso(field, text, iso);
  if (ISO_DATE_ONLY.test(text)) throw new FieldError(field, `${quoted(value)} is a date without a time and UTC offset (${HINT})`);
  throw new FieldError(field, `not a timestamp: ${quoted(value)} (${HINT}; day/month orders and local times are not guessed)`);
}

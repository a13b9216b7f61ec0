import { currentLocale, t } from './translate';

/** Locale-aware formatting lives beside the strings so a translation changes both together. */
export function formatNumber(value: number): string {
  return new Intl.NumberFormat(currentLocale()).format(value);
}

export function formatPercent(value: number): string {
  return new Intl.NumberFormat(currentLocale(), { style: 'percent', maximumFractionDigits: 1 }).format(value);
}

/** An item's price with the shop's currency (`formatMoney`), or null when the item has none. */
export function formatPrice(value: number | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  return formatMoney(value);
}

export function formatTime(ts: number): string {
  return new Date(ts).toLocaleTimeString(currentLocale(), { hour12: false });
}

/** A date and time in the viewer's locale with its time zone named, e.g. `May 12, 2025, 14:03:09 UTC` (the one date-time format of the console). */
export function formatDateTime(ts: number): string {
  return formatDateTimeZone(ts);
}

export function formatDate(ts: number): string {
  return new Date(ts).toLocaleDateString(currentLocale());
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** Gap between two events in a timeline, e.g. `4 s`, `2 min`, `3 h`. */
export function formatGap(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  return `${Math.round(minutes / 60)} h`;
}

/** Time left for a job, e.g. `45 s` or `3 min 20 s`. */
export function formatEta(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return t('jobs.eta.seconds', { seconds: s });
  return t('jobs.eta.minutes', { minutes: Math.floor(s / 60), seconds: s % 60 });
}

/** Rates under 10 keep one decimal so a slow job does not read as 0/s. */
export function formatRate(rate: number): string {
  return new Intl.NumberFormat(currentLocale(), { maximumFractionDigits: rate < 10 ? 1 : 0 }).format(rate);
}

/** Scores, weights and metrics: fixed decimals so columns line up (e.g. `0.242`). */
export function formatDecimal(value: number, digits = 3): string {
  return new Intl.NumberFormat(currentLocale(), { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value);
}

/** A change with its sign, e.g. `+0.012` or `−0.300`; zero has no sign. */
export function formatSigned(value: number, digits = 3): string {
  const rounded = Number(value.toFixed(digits));
  if (rounded === 0) return formatDecimal(0, digits);
  return `${rounded > 0 ? '+' : '−'}${formatDecimal(Math.abs(rounded), digits)}`;
}

let displayCurrency = 'USD';

/**
 * The currency money is shown in. The contract's prices carry no currency, so the console shows one
 * chosen for the shop (USD unless set); a translation or a shop setting changes it here.
 */
export function setCurrency(code: string): void {
  displayCurrency = code;
}

export function currentCurrency(): string {
  return displayCurrency;
}

/** An amount of money with its currency, e.g. `$1,234.50`. */
export function formatMoney(value: number): string {
  return new Intl.NumberFormat(currentLocale(), { style: 'currency', currency: displayCurrency, minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(value);
}

/** A rate as a percentage with fixed decimals (small rates such as CTR need two), e.g. `3.45%`. */
export function formatRatePercent(value: number, digits = 2): string {
  return new Intl.NumberFormat(currentLocale(), { style: 'percent', minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value);
}

/** A date and time in the viewer's locale with the time zone named, e.g. `12/05/2025, 14:03:09 CET`. */
export function formatDateTimeZone(ts: number): string {
  return new Date(ts).toLocaleString(currentLocale(), {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hour12: false,
    timeZoneName: 'short',
  });
}

/** The viewer's time zone as a short name (e.g. `CET`, `GMT+8`), for captions of time axes. */
export function timeZoneName(ts: number = Date.now()): string {
  const part = new Intl.DateTimeFormat(currentLocale(), { timeZoneName: 'short' }).formatToParts(new Date(ts)).find((p) => p.type === 'timeZoneName');
  return part?.value ?? '';
}

/** A time-axis tick: `14:00` for hour buckets, `12 May` for day buckets, in the viewer's time zone. */
export function formatBucket(ts: number, bucket: 'hour' | 'day'): string {
  const date = new Date(ts);
  if (bucket === 'day') return date.toLocaleDateString(currentLocale(), { month: 'short', day: 'numeric' });
  return date.toLocaleString(currentLocale(), { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false });
}

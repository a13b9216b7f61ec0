import { currentLocale, t } from './translate';

/** Locale-aware formatting lives beside the strings so a translation changes both together. */
export function formatNumber(value: number): string {
  return new Intl.NumberFormat(currentLocale()).format(value);
}

export function formatPercent(value: number): string {
  return new Intl.NumberFormat(currentLocale(), { style: 'percent', maximumFractionDigits: 1 }).format(value);
}

/** Prices carry no currency in the contract, so they are shown as plain two-decimal amounts. */
export function formatPrice(value: number | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  return new Intl.NumberFormat(currentLocale(), { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(value);
}

export function formatTime(ts: number): string {
  return new Date(ts).toLocaleTimeString(currentLocale(), { hour12: false });
}

export function formatDateTime(ts: number): string {
  return new Date(ts).toLocaleString(currentLocale(), { hour12: false });
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

/**
 * How far ahead of this machine's clock an event's time may be. A client clock a little fast is
 * normal; an event years ahead is a bug (seconds read as milliseconds, a typo) that would otherwise
 * sit at the end of its shopper's timeline for good. Configurable per engine
 * (EngineOptions.maxFutureSkewMs, or INSTINCT_MAX_FUTURE_SKEW_MS).
 */
export const DEFAULT_MAX_FUTURE_SKEW_MS = 24 * 60 * 60 * 1000;

/** The skew from the environment, else the default; a value that is not a non-negative number is an error. */
export function maxFutureSkewFromEnv(raw = process.env.INSTINCT_MAX_FUTURE_SKEW_MS): number {
  if (raw === undefined || raw === '') return DEFAULT_MAX_FUTURE_SKEW_MS;
  const ms = Number(raw);
  if (!Number.isFinite(ms) || ms < 0) throw new Error(`INSTINCT_MAX_FUTURE_SKEW_MS: not a number of milliseconds: ${raw}`);
  return ms;
}

function duration(ms: number): string {
  const hours = ms / 3_600_000;
  if (hours >= 48) return `${Math.round(hours / 24)} days`;
  if (hours >= 1) return `${Math.round(hours * 10) / 10} h`;
  return `${Math.round(ms / 60_000)} min`;
}

/** Why an event time is too far in the future, or undefined when it is fine. */
export function futureSkewProblem(ts: number, now: number, maxSkewMs: number): string | undefined {
  if (ts - now <= maxSkewMs) return undefined;
  return `${new Date(Math.min(ts, 8.64e15)).toISOString()} is ${duration(ts - now)} ahead of this machine's clock; events more than ${duration(maxSkewMs)} in the future are refused`;
}

/** Reconnect delays: doubling from `baseMs` up to `maxMs`, with jitter so many consoles do not reconnect in lockstep. */
export interface BackoffPolicy {
  baseMs: number;
  maxMs: number;
  /** 0..1 share of the delay that is randomised. */
  jitter: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 500, maxMs: 15_000, jitter: 0.2 };

export function reconnectDelay(attempt: number, policy: BackoffPolicy = DEFAULT_BACKOFF, random: () => number = Math.random): number {
  const exponential = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempt));
  const spread = exponential * policy.jitter;
  return Math.round(exponential - spread + random() * spread);
}

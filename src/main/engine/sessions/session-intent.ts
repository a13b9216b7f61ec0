import type { RecentEvent } from './live-sessions';

/** How much each kind of event says about what the shopper wants next. Removing from the cart says "not this". */
export const EVENT_WEIGHTS: Readonly<Record<string, number>> = {
  view: 1,
  click: 1.5,
  search: 2,
  add_to_cart: 3,
  purchase: 1,
  remove_from_cart: -1,
};

export interface IntentOptions {
  now: number;
  /** Time half-life of an event's influence. */
  halfLifeMs?: number;
  /** Events from earlier sessions count this much relative to the current one. */
  pastSessionWeight?: number;
}

export interface IntentSources {
  itemVector(itemId: string): Float32Array | undefined;
  queryVector(query: string): Float32Array | undefined;
}

export interface SessionIntent {
  /** Unit vector in item space, or null when nothing the shopper did has a vector (cold start). */
  vector: Float32Array | null;
  /** The events that shaped it, newest first, with their weights (for explanations and the inspector). */
  evidence: { type: string; itemId: string | null; query: string | null; weight: number }[];
  /** Log-price band of the items the shopper engaged with. */
  priceBand: { median: number; spread: number } | null;
  currentSessionId: string | null;
}

/**
 * The session's intent: a weighted, recency-decayed mean of the vectors of the items it touched
 * and the queries it typed. Plain arithmetic, so it is recomputed on every request and an event
 * acknowledged a moment ago is already in it.
 */
export function sessionIntent(events: readonly RecentEvent[], sources: IntentSources, options: IntentOptions): SessionIntent {
  const halfLife = options.halfLifeMs ?? 30 * 60 * 1000;
  const pastWeight = options.pastSessionWeight ?? 0.3;
  const current = events.at(-1)?.sessionId ?? null;
  // Ages count back from the newest event, not from now: only the events' relative weights matter
  // (the vector is normalised), and a shopper back after a week must not decay to nothing.
  const newest = Math.min(options.now, Math.max(...events.map((e) => e.ts)));
  let sum: Float32Array | null = null;
  const evidence: SessionIntent['evidence'] = [];
  const prices: number[] = [];
  for (let i = events.length - 1; i >= 0; i--) {
    const e = events[i]!;
    const base = EVENT_WEIGHTS[e.type] ?? 0;
    if (base === 0) continue;
    const age = Math.max(0, newest - e.ts);
    const weight = base * Math.pow(2, -age / halfLife) * (e.sessionId === current ? 1 : pastWeight);
    const vector = e.itemId !== null ? sources.itemVector(e.itemId) : e.query !== null ? sources.queryVector(e.query) : undefined;
    if (e.price !== null && e.price > 0 && base > 0) prices.push(e.price);
    if (!vector) continue;
    sum ??= new Float32Array(vector.length);
    for (let d = 0; d < vector.length; d++) sum[d]! += weight * vector[d]!;
    evidence.push({ type: e.type, itemId: e.itemId, query: e.query, weight });
  }
  return { vector: sum && normalise(sum), evidence, priceBand: band(prices), currentSessionId: current };
}

function normalise(v: Float32Array): Float32Array | null {
  let n = 0;
  for (const x of v) n += x * x;
  if (n < 1e-12) return null;
  const inv = 1 / Math.sqrt(n);
  for (let d = 0; d < v.length; d++) v[d]! *= inv;
  return v;
}

function band(prices: number[]): SessionIntent['priceBand'] {
  if (prices.length === 0) return null;
  const logs = prices.map(Math.log).sort((a, b) => a - b);
  const median = logs[Math.floor(logs.length / 2)]!;
  const spread = Math.sqrt(logs.reduce((s, x) => s + (x - median) ** 2, 0) / logs.length);
  // Floor the spread: one viewed price should not make every other price look wrong.
  return { median: Math.exp(median), spread: Math.max(spread, 0.35) };
}

import type { ExplorationSettings } from './exploration-settings';

/** What a randomised list's estimators need to recompute any item's propensity at any window position. */
export interface ExplorationRecord {
  readonly rate: number;
  /** The 1-based positions the shuffle may change (the window without pinned positions). */
  readonly positions: readonly number[];
  /** The items a shuffle draws from, in ranked order; the first |positions| are the deterministic window. */
  readonly pool: readonly string[];
  /** Whether this list's window was shuffled (true) or kept in ranked order (false). */
  readonly shuffled: boolean;
  /**
   * How many ranked candidates after the pool were logged as context (absent: none). A shuffle never
   * shows them; their features follow the pool's in the log so that a target policy's diversity can
   * normalise relevance over its own best candidates, as the engine does (docs/OFF_POLICY.md).
   */
  readonly context?: number;
}

/**
 * Ranked candidates logged beyond the pool, for normalisation only: with the engine's MMR pool of 40
 * and an exploration pool of 40, a target close to the logging policy finds its own 40 best among the
 * pool and these in all but a few lists (measured by `npm run bench -- policy`).
 */
export const EXPLORATION_CONTEXT_ITEMS = 20;

/**
 * Exact propensity of `itemId` at window position index `slotIndex` under the randomised policy: with
 * probability 1 - rate the ranked order (the pool's first items in order), with probability rate a
 * uniformly random arrangement of |positions| distinct pool items, so every pool item is at every
 * window position with probability 1 / |pool|.
 */
export function windowPropensity(record: Pick<ExplorationRecord, 'rate' | 'pool' | 'positions'>, itemId: string, slotIndex: number): number {
  const inPool = record.pool.includes(itemId);
  const ranked = record.pool[slotIndex] === itemId ? 1 : 0;
  return (1 - record.rate) * ranked + (inPool ? record.rate / record.pool.length : 0);
}

/**
 * Randomises a list's exploration window. `shown` is the deterministic list in position order;
 * `pinnedPositions` never change; `continuation` is the ranked order of the candidates not shown,
 * filtered items already removed and pinned items excluded. Returns the served order and the record,
 * or null when the window has fewer than two free positions (nothing to randomise).
 */
export function exploreWindow<T extends { readonly id: string }>(
  shown: readonly T[],
  pinnedPositions: ReadonlySet<number>,
  continuation: readonly T[],
  settings: ExplorationSettings,
  random: () => number,
  contextItems = EXPLORATION_CONTEXT_ITEMS,
): { order: T[]; record: ExplorationRecord; context: T[] } | null {
  const positions: number[] = [];
  for (let p = settings.fromPosition; p <= Math.min(settings.toPosition, shown.length); p++) if (!pinnedPositions.has(p)) positions.push(p);
  if (positions.length < 2) return null;
  const pool: T[] = positions.map((p) => shown[p - 1] as T);
  const taken = new Set(shown.map((s) => s.id));
  const context: T[] = [];
  const poolSize = Math.max(settings.poolSize, positions.length);
  for (const c of continuation) {
    if (pool.length >= poolSize && context.length >= contextItems) break;
    if (taken.has(c.id)) continue;
    taken.add(c.id);
    if (pool.length < poolSize) pool.push(c);
    else context.push(c);
  }
  const shuffled = random() < settings.rate;
  const order = [...shown];
  if (shuffled) {
    // A uniformly random arrangement of |positions| of the pool's items: a partial Fisher-Yates shuffle.
    const draw = [...pool];
    for (let i = 0; i < positions.length; i++) {
      const j = i + Math.floor(random() * (draw.length - i));
      [draw[i], draw[j]] = [draw[j] as T, draw[i] as T];
      order[(positions[i] as number) - 1] = draw[i] as T;
    }
  }
  const record: ExplorationRecord = { rate: settings.rate, positions, pool: pool.map((p) => p.id), shuffled, ...(context.length ? { context: context.length } : {}) };
  return { order, record, context };
}

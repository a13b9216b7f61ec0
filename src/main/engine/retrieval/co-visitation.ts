/**
 * Item -> items the same session went on to view, click or cart: each item event links the
 * session's previous few items to this one (forward, and more weakly backward), weighted by
 * the event type and by closeness in the session, and decayed over time. Each item keeps only
 * its strongest neighbours, so memory is bounded by items x `neighbours`.
 */
import type { StoredEvent } from '../../../shared/contract';
import { DecayClock } from './decay-clock';
import { DAY_MS, eventWeight } from './event-weights';
import { SessionTrails } from './session-trail';

export interface CoVisitationOptions {
  halfLifeMs: number;
  /** Neighbours kept per item. */
  neighbours: number;
  /** Earlier items of the session each event is linked to. */
  window: number;
  /** Weight of the backward link (later item -> earlier item) relative to the forward one. */
  backwardWeight: number;
  maxSessions: number;
  sessionIdleMs: number;
}

export const DEFAULT_CO_VISITATION: CoVisitationOptions = {
  halfLifeMs: 30 * DAY_MS,
  neighbours: 50,
  window: 5,
  backwardWeight: 0.3,
  maxSessions: 100_000,
  sessionIdleMs: 30 * 60_000,
};

export interface CoVisitedItem {
  itemId: string;
  score: number;
}

export class CoVisitation {
  private readonly options: CoVisitationOptions;
  private readonly clock: DecayClock;
  private readonly edges = new Map<string, Map<string, number>>();
  private readonly trails: SessionTrails;
  private latestTs = -Infinity;

  constructor(options: Partial<CoVisitationOptions> = {}) {
    this.options = { ...DEFAULT_CO_VISITATION, ...options };
    this.clock = new DecayClock(this.options.halfLifeMs);
    this.trails = new SessionTrails({ window: this.options.window, maxSessions: this.options.maxSessions, idleMs: this.options.sessionIdleMs });
  }

  /** O(window) per event. */
  observe(event: Pick<StoredEvent, 'type' | 'itemId' | 'sessionId' | 'ts'>): void {
    const weight = eventWeight(event.type);
    if (weight <= 0 || event.itemId === null) return;
    if (this.clock.needsRebase(event.ts)) this.rebase(event.ts);
    if (event.ts > this.latestTs) this.latestTs = event.ts;
    const earlier = this.trails.visit(event.sessionId, event.itemId, event.ts);
    earlier.forEach((previous, i) => {
      const w = this.clock.scaled(weight / (i + 1), event.ts);
      this.link(previous, event.itemId!, w);
      this.link(event.itemId!, previous, w * this.options.backwardWeight);
    });
  }

  /**
   * Items linked from any of `itemIds` (e.g. the session's recent items, most recent last), the
   * seeds themselves left out. Later seeds count more: seed i of n has weight (i + 1) / n.
   */
  coVisited(itemIds: readonly string[], k: number): CoVisitedItem[] {
    const seeds = new Set(itemIds);
    const scores = new Map<string, number>();
    itemIds.forEach((seed, i) => {
      const seedWeight = (i + 1) / itemIds.length;
      for (const [other, v] of this.edges.get(seed) ?? []) {
        if (!seeds.has(other)) scores.set(other, (scores.get(other) ?? 0) + seedWeight * v);
      }
    });
    return [...scores]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, Math.max(0, k))
      .map(([itemId, v]) => ({ itemId, score: this.clock.asOf(v, this.latestTs) }));
  }

  /** Number of items with at least one neighbour. */
  get itemCount(): number {
    return this.edges.size;
  }

  clear(): void {
    this.edges.clear();
    this.trails.clear();
    this.clock.reset();
    this.latestTs = -Infinity;
  }

  private link(from: string, to: string, w: number): void {
    let row = this.edges.get(from);
    if (row === undefined) {
      row = new Map();
      this.edges.set(from, row);
    }
    row.set(to, (row.get(to) ?? 0) + w);
    // Let a row grow to twice the cap, then cut it back to the strongest: amortised O(1).
    if (row.size > 2 * this.options.neighbours) {
      const kept = [...row].sort((a, b) => b[1] - a[1]).slice(0, this.options.neighbours);
      this.edges.set(from, new Map(kept));
    }
  }

  private rebase(ts: number): void {
    const factor = this.clock.rebase(ts);
    for (const row of this.edges.values()) for (const [k, v] of row) row.set(k, v * factor);
  }
}

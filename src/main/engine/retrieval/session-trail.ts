/**
 * The last few items each live session touched, for co-visitation. Sessions are kept in
 * least-recently-active order and dropped after the inactivity gap or beyond a cap, so memory
 * stays bounded however many shoppers arrive.
 */
export interface SessionTrailOptions {
  /** How many earlier items of the session an item is linked to. */
  window: number;
  maxSessions: number;
  /** A session idle this long (event time) is forgotten. */
  idleMs: number;
}

interface Trail {
  items: string[];
  lastTs: number;
}

export class SessionTrails {
  private readonly trails = new Map<string, Trail>();

  constructor(private readonly options: SessionTrailOptions) {}

  get size(): number {
    return this.trails.size;
  }

  /** The session's earlier items, most recent first, then records `itemId` as its latest. */
  visit(sessionId: string, itemId: string, ts: number): string[] {
    const trail = this.trails.get(sessionId) ?? { items: [], lastTs: ts };
    // Re-inserting moves the session to the back: the front is always the longest idle.
    this.trails.delete(sessionId);
    const earlier = trail.items.filter((i) => i !== itemId).reverse();
    trail.items = [...trail.items.filter((i) => i !== itemId), itemId].slice(-this.options.window);
    trail.lastTs = Math.max(trail.lastTs, ts);
    this.trails.set(sessionId, trail);
    this.evict(ts);
    return earlier.slice(0, this.options.window);
  }

  clear(): void {
    this.trails.clear();
  }

  private evict(now: number): void {
    for (const [id, trail] of this.trails) {
      if (this.trails.size > this.options.maxSessions || trail.lastTs < now - this.options.idleMs) this.trails.delete(id);
      else break;
    }
  }
}

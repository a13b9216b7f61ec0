import type { Database } from 'better-sqlite3';
import type { PreparedReplay, RecommendService } from '../recommend/recommend-service';
import { heldOutCases } from './held-out-cases';

export interface PreparedCase {
  prepared: PreparedReplay;
  targetItemId: string;
}

export interface PreparedWindow {
  cases: PreparedCase[];
  windowStart: number | null;
  windowEnd: number | null;
}

/** How long a prepared window is reused: moving a slider must cost only the ranking, not the retrieval. */
const TTL_MS = 60_000;

/**
 * The held-out cases with their candidates retrieved and scored once. Weights only change the
 * ranking step, so a slider move re-ranks prepared lists; the window is rebuilt when it is older
 * than a minute or another size is asked for.
 */
export class PreparedWindows {
  private cached: { count: number; at: number; window: Promise<PreparedWindow> } | undefined;

  constructor(
    private readonly db: Database,
    private readonly recommender: RecommendService,
    private readonly clock: () => number = Date.now,
  ) {}

  get(count: number): Promise<PreparedWindow> {
    const now = this.clock();
    if (this.cached && this.cached.count === count && now - this.cached.at < TTL_MS) return this.cached.window;
    const window = this.prepare(count);
    this.cached = { count, at: now, window };
    window.catch(() => (this.cached = undefined));
    return window;
  }

  private async prepare(count: number): Promise<PreparedWindow> {
    const raw = heldOutCases(this.db, count);
    const cases: PreparedCase[] = [];
    for (const c of raw.cases) {
      cases.push({ prepared: await this.recommender.prepareReplay(c.prefix, c.targetTs - 1, c.shopperId), targetItemId: c.targetItemId });
    }
    return { cases, windowStart: raw.windowStart, windowEnd: raw.windowEnd };
  }
}

import type { Database } from 'better-sqlite3';
import type { PreparedReplay, RecommendService } from '../recommend/recommend-service';
import { heldOutCases } from './held-out-cases';
import { halfOf, type ReplayHalf } from './replay-halves';

export interface PreparedCase {
  prepared: PreparedReplay;
  targetItemId: string;
  half: ReplayHalf;
}

export interface PreparedWindow {
  /** The reporting half: what the tuning page's figure and the publishing guard are computed on. */
  cases: PreparedCase[];
  /** The tuning half: the only cases auto-tune searches on. */
  tuningCases: PreparedCase[];
  windowStart: number | null;
  windowEnd: number | null;
  /** Behaviour signals were rebuilt from events before this time (null: no window, nothing to hold out). */
  signalsBefore: number | null;
}

/** How long a prepared window is reused: moving a slider must cost only the ranking, not the retrieval. */
const TTL_MS = 60_000;

/**
 * The held-out cases with their candidates retrieved and scored once, **point in time**: the
 * behaviour signals (co-visitation, popularity, trending) are rebuilt from the events before the
 * window starts (`RecommendService.asOf`), so no figure is computed from signals that saw the
 * held-out targets. Weights only change the ranking step, so a slider move re-ranks prepared
 * lists; the window is rebuilt when it is older than a minute or another size is asked for.
 * The cases are split into a tuning half and a reporting half (replay-halves.ts).
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
    const signalsBefore = raw.windowStart;
    const asOf = signalsBefore === null ? this.recommender : this.recommender.asOf(signalsBefore);
    const all: PreparedCase[] = [];
    for (const c of raw.cases) {
      all.push({ prepared: await asOf.prepareReplay(c.prefix, c.targetTs - 1, c.shopperId), targetItemId: c.targetItemId, half: halfOf(c.sessionId) });
    }
    return {
      cases: all.filter((c) => c.half === 'reporting'),
      tuningCases: all.filter((c) => c.half === 'tuning'),
      windowStart: raw.windowStart,
      windowEnd: raw.windowEnd,
      signalsBefore,
    };
  }
}

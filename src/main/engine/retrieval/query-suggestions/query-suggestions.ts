/**
 * Query suggestions from past searches that returned clicks. The source of truth is the store: the
 * `rewards` rows attributed to a `search` list in `impressions` (its query and shopper). The index
 * is derived from them: rebuilt at start-up and after an erasure or a retention run, a range of
 * reward seqs per turn of the event loop, and kept current between rebuilds by the rewards the loop
 * commits (the same join, from the list in memory). No table of its own.
 */
import type { Database, Statement } from 'better-sqlite3';
import { performance } from 'node:perf_hooks';
import type { ServedList } from '../../ranking';
import { SuggestionIndex, normaliseSuggestion, suggestionSettings, typedPrefix, type PastQuery, type RewardKind, type SuggestionSettings } from './suggestion-index';
import { nextTurn } from '../../workers/time-slices';

/** Reward seqs scanned per read while rebuilding (event seqs: gaps are other events). */
const SEQ_RANGE = 20_000;
/** Search rewards read at most per turn of the event loop while rebuilding. */
const ROWS_PER_TURN = 500;
/** A rebuild turn yields after this much work (a new query costs a rewrite, ~0.1 ms). */
const TURN_BUDGET_MS = 8;
/** Raw query -> its index key, remembered (rewriting a query runs the typo dictionary); about one entry per past query. */
const CANONICAL_CACHE = 200_000;

export interface SuggestionReward {
  readonly reward: { readonly type: RewardKind; readonly ts: number; readonly firstForItem: boolean; readonly impressionId: string | null };
  readonly list: Pick<ServedList, 'slot' | 'query' | 'shopperId' | 'sessionId'> | undefined;
}

export interface QuerySuggestionsDeps {
  readonly db: Database;
  readonly settings?: Partial<SuggestionSettings>;
  /**
   * The index key of a normalised query: the query itself, or its corrected form when the engine's
   * rewriting corrects a word the catalogue does not hold (so "runing shoes" counts for "running shoes").
   */
  readonly canonical?: (normalised: string) => string;
  readonly pause?: () => Promise<void>;
  /** Rebuild chunks (tests make them tiny): reward seqs per read, rows per read. */
  readonly chunk?: { readonly seqRange: number; readonly rows: number };
}

interface Row {
  seq: number;
  type: string;
  ts: number;
  first: number;
  query: string;
  shopperId: string | null;
  sessionId: string | null;
}

/** The index key of who searched: the shopper, or the session of an anonymous list. */
export function searcherKey(shopperId: string | null | undefined, sessionId: string | null | undefined): string | undefined {
  if (shopperId) return `u:${shopperId}`;
  if (sessionId) return `s:${sessionId}`;
  return undefined;
}

const isReward = (t: string): t is RewardKind => t === 'click' || t === 'add_to_cart' || t === 'purchase';

export class QuerySuggestions {
  readonly settings: SuggestionSettings;
  private index: SuggestionIndex;
  private readonly rows: Statement<[number, number, number], Row>;
  private readonly maxSeq: Statement<[], { seq: number | null }>;
  private readonly canonicalCache = new Map<string, string>();
  /** Bumped by each rebuild and by close: a rebuild that is no longer the latest stops. */
  private generation = 0;
  private rebuilding: Promise<void> | undefined;
  private closed = false;

  constructor(private readonly deps: QuerySuggestionsDeps) {
    this.settings = suggestionSettings(deps.settings);
    this.index = new SuggestionIndex(this.settings);
    this.rows = deps.db.prepare(`SELECT r.seq, r.type, r.ts, r.first_for_item AS first, i.query, i.shopper_id AS shopperId, i.session_id AS sessionId
      FROM rewards r JOIN impressions i ON i.impression_id = r.impression_id
      WHERE r.seq > ? AND r.seq <= ? AND r.impression_id IS NOT NULL AND i.slot = 'search' AND i.query IS NOT NULL
      ORDER BY r.seq LIMIT ?`);
    this.maxSeq = deps.db.prepare('SELECT max(seq) AS seq FROM rewards');
  }

  /** Past queries in the index. */
  get size(): number {
    return this.index.size;
  }

  /** Past queries that complete `typed` (see SuggestionIndex.suggest); `shopperId` adds their own. */
  suggest(typed: string, k: number, shopperId?: string): PastQuery[] {
    return this.index.suggest(typedPrefix(typed), k, shopperId ? searcherKey(shopperId, null) : undefined);
  }

  /** Committed rewards with the lists they were attributed to (the loop calls this after each ingest commit). */
  observe(rewards: readonly SuggestionReward[]): void {
    try {
      for (const { reward, list } of rewards) {
        if (!list || list.slot !== 'search' || list.query === null || reward.impressionId === null) continue;
        this.add(list.query, searcherKey(list.shopperId, list.sessionId), reward.type, reward.ts, reward.firstForItem);
      }
    } catch (err) {
      // The rewards are committed already; the next rebuild reads them from the store.
      console.error('[query suggestions] could not add committed rewards to the index:', err);
    }
  }

  /**
   * Drops a shopper's share now, then rebuilds from the store (which the erasure has already
   * cleared), so their anonymous sessions' lists leave too.
   */
  forgetShopper(shopperId: string): Promise<void> {
    this.index.forget(`u:${shopperId}`);
    return this.rebuild();
  }

  /** Rebuilds from the store in bounded chunks and swaps the new index in; a later call supersedes an earlier one. */
  rebuild(): Promise<void> {
    const generation = ++this.generation;
    const run = this.rebuildFrom(generation).catch((err: unknown) => {
      console.error('[query suggestions] rebuilding from the rewards and impressions tables failed:', err);
    });
    this.rebuilding = run;
    return run;
  }

  /** Rebuilds once `ready` settles (at start-up: after the catalogue's words are loaded); whenReady waits for it. */
  rebuildAfter(ready: Promise<unknown>): void {
    const run = ready.then(
      () => this.rebuild(),
      () => this.rebuild(),
    );
    this.rebuilding = run;
  }

  /** Resolves when no rebuild is running (tests and the bench wait on it). */
  async whenReady(): Promise<void> {
    while (this.rebuilding) {
      const current = this.rebuilding;
      await current;
      if (this.rebuilding === current) this.rebuilding = undefined;
    }
  }

  close(): void {
    this.closed = true;
    this.generation++;
  }

  private async rebuildFrom(generation: number): Promise<void> {
    const next = new SuggestionIndex(this.settings, { bulk: true });
    this.canonicalCache.clear();
    const pause = this.deps.pause ?? nextTurn;
    let from = 0;
    for (;;) {
      if (this.closed || generation !== this.generation) return;
      // Read again each turn: rewards committed meanwhile are picked up here, and the swap below
      // happens in the same turn as the last read, so none is missed or counted twice.
      const max = this.maxSeq.get()?.seq ?? 0;
      if (from >= max) break;
      const to = Math.min(max, from + (this.deps.chunk?.seqRange ?? SEQ_RANGE));
      const limit = this.deps.chunk?.rows ?? ROWS_PER_TURN;
      const rows = this.rows.all(from, to, limit);
      const started = performance.now();
      let done = 0;
      for (const r of rows) {
        if (isReward(r.type)) this.add(r.query, searcherKey(r.shopperId, r.sessionId), r.type, r.ts, r.first === 1, next);
        done++;
        if (performance.now() - started > TURN_BUDGET_MS) break;
      }
      // Rows left unread or unprocessed: go on after the last one added; else after the range.
      from = done < rows.length || rows.length === limit ? rows[done - 1]!.seq : to;
      await pause();
    }
    next.endBulk();
    this.index = next;
  }

  private add(query: string, shopper: string | undefined, type: RewardKind, ts: number, first: boolean, into = this.index): void {
    if (shopper === undefined) return;
    const key = this.canonical(query);
    if (key !== '') into.add({ query: key, shopper, type, ts, first });
  }

  private canonical(query: string): string {
    let key = this.canonicalCache.get(query);
    if (key === undefined) {
      const normalised = normaliseSuggestion(query);
      key = normalised === '' ? '' : normaliseSuggestion(this.deps.canonical?.(normalised) ?? normalised);
      if (this.canonicalCache.size >= CANONICAL_CACHE) this.canonicalCache.clear();
      this.canonicalCache.set(query, key);
    }
    return key;
  }
}

/**
 * The retrieval capability the engine wires in: candidate sources for recommendation (ANN on an
 * intent vector, co-visitation, popular, trending, similar items) and search (BM25, semantic,
 * hybrid). Behaviour signals follow the ingest path through `observe`; the vector index follows
 * the item-vector store and is saved beside it so a restart needs no rebuild.
 */
import type { LexicalPlan } from './query-plan';
import type { Database, Statement } from 'better-sqlite3';
import type { StoredEvent } from '../../../shared/contract';
import { storedItemEvents, storedItemEventsBefore, type BehaviourEvent } from './behaviour-replay';
import { CoVisitation, type CoVisitationOptions, type CoVisitedItem } from './co-visitation';
import type { DecayedScore } from './decayed-counts';
import { EVENT_WEIGHTS } from './event-weights';
import { FilteredItems } from './filtered-items';
import { hybridSearch, keywordHalf, type HybridHit } from './hybrid-search';
import { IndexFileError } from './index-files';
import type { ItemLookup } from './item-filter';
import type { ItemVectorRecord, ItemVectorSource } from './item-vector-source';
import { type LexicalHit, LexicalSearch } from './lexical-search';
import { Popularity, type PopularityOptions } from './popularity';
import type { SearchFilters } from './search-filters';
import { semanticSearch } from './semantic-search';
import { type ScoredItem, VectorIndex, type VectorIndexOptions } from './vector-index';
import { nextTurn } from '../workers/time-slices';

export interface RetrievalLog {
  info(message: string): void;
  warn(message: string): void;
}

export interface RetrievalOptions {
  /** Folder for the saved vector index, e.g. `<dataDir>/indexes`. Without it `save` does nothing and `load` rebuilds. */
  indexDir?: string;
  vectorIndex?: VectorIndexOptions;
  popularity?: Partial<PopularityOptions>;
  coVisitation?: Partial<CoVisitationOptions>;
  log?: RetrievalLog;
  /**
   * The catalogue in memory, exact at every search (the engine's ItemCache, kept by the catalogue's
   * upsert listener): search filters are then checked on it instead of joining `items` in SQL.
   */
  items?: ItemLookup;
}

export interface RetrievalLoadReport {
  /** 'loaded': read from the saved files; 'rebuilt': built from the item-vector store. */
  index: 'loaded' | 'rebuilt';
  /** Why the saved index was not used (missing, corrupt, other model...). */
  reason?: string;
  items: number;
  /** Vectors written since the save that were applied on top of the loaded index. */
  caughtUp: number;
  /** Stored item events replayed into co-visitation and popularity. */
  events: number;
  ms: number;
}

const consoleLog: RetrievalLog = { info: (m) => console.info(`[retrieval] ${m}`), warn: (m) => console.warn(`[retrieval] ${m}`) };

export class RetrievalService {
  private vectorIndex: VectorIndex;
  private coVisitation: CoVisitation;
  private popularity: Popularity;
  private readonly lexical: LexicalSearch;
  private readonly filtered: FilteredItems;
  private readonly categoryOf: Statement<[string], { category: string | null }>;
  private readonly log: RetrievalLog;
  private changesSinceSave = 0;

  constructor(
    private readonly db: Database,
    private readonly vectors: ItemVectorSource,
    private readonly options: RetrievalOptions = {},
  ) {
    this.log = options.log ?? consoleLog;
    this.vectorIndex = new VectorIndex(vectors.modelVersion, vectors.dims, options.vectorIndex);
    this.categoryOf = db.prepare('SELECT category FROM items WHERE item_id = ?');
    this.popularity = new Popularity((itemId) => this.categoryOf.get(itemId)?.category, options.popularity);
    this.coVisitation = new CoVisitation(options.coVisitation);
    this.lexical = new LexicalSearch(db, options.items);
    this.filtered = new FilteredItems(db, options.items);
  }

  get index(): VectorIndex {
    return this.vectorIndex;
  }

  /** Nearest items to a vector (an intent vector or a query embedding), best first. */
  annCandidates(vector: Float32Array, k: number): ScoredItem[] {
    return this.vectorIndex.search(vector, k);
  }

  /** Items nearest to an item's own vector, the item left out; empty when it has no vector. */
  similar(itemId: string, k: number): ScoredItem[] {
    const vector = this.vectorIndex.vectorOf(itemId);
    if (vector === undefined || k <= 0) return [];
    return this.vectorIndex
      .search(vector, k + 1)
      .filter((h) => h.itemId !== itemId)
      .slice(0, k);
  }

  /** Items sessions went on to after `itemIds` (most recent last). */
  coVisited(itemIds: readonly string[], k: number): CoVisitedItem[] {
    return this.coVisitation.coVisited(itemIds, k);
  }

  /** Most-engaged items (7-day half-life), overall or in a category node and below. */
  popular(k: number, category?: string): DecayedScore[] {
    return this.popularity.popular(k, category);
  }

  /** An item's decayed engagement (7-day half-life) as of the newest event; 0 for an unseen item. */
  popularityOf(itemId: string): number {
    return this.popularity.popularityOf(itemId);
  }

  /** Most-engaged items over the last hours (6-hour half-life). */
  trending(k: number): DecayedScore[] {
    return this.popularity.trending(k);
  }

  searchLexical(query: string, k: number, filters?: SearchFilters): LexicalHit[] {
    return this.lexical.search(query, k, filters);
  }

  searchSemantic(queryVector: Float32Array, k: number, filters?: SearchFilters): ScoredItem[] {
    return semanticSearch(this.vectorIndex, this.filtered, queryVector, k, filters);
  }

  /**
   * Keyword and semantic hits fused by reciprocal rank; keyword only when there is no query vector.
   * `keywordHits`: the keyword half already searched (`searchKeywordHalf`), used when there is a vector.
   */
  searchHybrid(query: string, queryVector: Float32Array | undefined, k: number, filters?: SearchFilters, plan?: LexicalPlan, keywordHits?: readonly LexicalHit[]): HybridHit[] {
    return hybridSearch({ lexical: this.lexical, index: this.vectorIndex, items: this.filtered }, query, queryVector, k, filters, plan, keywordHits);
  }

  /** The keyword half `searchHybrid` reads with a query vector, searched before the vector exists. */
  searchKeywordHalf(query: string, k: number, filters?: SearchFilters, plan?: LexicalPlan): LexicalHit[] {
    return keywordHalf(this.lexical, query, true, k, filters, plan);
  }

  /** Call on the ingest path after an event is stored: O(1)-ish. */
  observe(event: StoredEvent | BehaviourEvent): void {
    this.coVisitation.observe(event);
    this.popularity.observe(event);
  }

  /** New and changed item vectors, e.g. after an embedding job has written them to the store. */
  upsertItemVectors(rows: Iterable<ItemVectorRecord>): number {
    const n = this.vectorIndex.upsert(rows);
    this.changesSinceSave += n;
    return n;
  }

  /** Writes the vector index beside the store (after catching up with the store), if anything changed. */
  save(): boolean {
    const dir = this.options.indexDir;
    if (dir === undefined) return false;
    this.changesSinceSave += this.catchUp();
    if (this.changesSinceSave === 0) return false;
    this.vectorIndex.save(dir);
    this.changesSinceSave = 0;
    return true;
  }

  /**
   * Start-up: reads the saved vector index (or rebuilds it from the store when it is missing,
   * corrupt or stale), applies vectors written since, and replays stored events into
   * co-visitation and popularity (up to `untilSeq`: a serving replica is sent the later ones).
   */
  load(options: { untilSeq?: number } = {}): RetrievalLoadReport {
    const t0 = performance.now();
    let reason: string | undefined;
    let caughtUp = 0;
    try {
      if (this.options.indexDir === undefined) throw new IndexFileError('(none)', 'no index folder configured');
      this.vectorIndex = VectorIndex.load(this.options.indexDir, this.vectors.modelVersion, this.vectors.dims, this.options.vectorIndex);
      caughtUp = this.catchUp();
      const stored = this.vectors.count();
      if (this.vectorIndex.size !== stored) throw new IndexFileError(this.options.indexDir, `holds ${this.vectorIndex.size} items, the store ${stored}`);
    } catch (err) {
      if (!(err instanceof IndexFileError)) throw err;
      reason = err.message;
      if (this.options.indexDir !== undefined) this.log.warn(`${reason}; rebuilding from the item-vector store`);
      this.rebuildIndex();
    }
    this.changesSinceSave = reason === undefined ? caughtUp : this.vectorIndex.size;
    const events = this.rebuildBehaviour(options.untilSeq);
    return {
      index: reason === undefined ? 'loaded' : 'rebuilt',
      ...(reason === undefined ? {} : { reason }),
      items: this.vectorIndex.size,
      caughtUp,
      events,
      ms: performance.now() - t0,
    };
  }

  /** Builds the vector index from every stored vector. */
  rebuildIndex(): void {
    const index = new VectorIndex(this.vectors.modelVersion, this.vectors.dims, this.options.vectorIndex);
    index.watermark = this.vectors.watermark();
    index.upsert(this.vectors.all());
    this.vectorIndex = index;
    this.changesSinceSave = index.size;
  }

  /**
   * A point-in-time view: the same catalogue (vector index, keyword search, filters) with
   * co-visitation, popularity and trending rebuilt from the stored events before `beforeTs` only.
   * Leak-proof replays rank held-out sessions with it, so no signal has seen their targets
   * (docs/EVALUATION.md). Costs one pass over those events; the view is not updated by `observe`.
   */
  asOf(beforeTs: number): RetrievalService {
    const view = new RetrievalService(this.db, this.vectors, { ...this.options, indexDir: undefined, log: this.log });
    view.vectorIndex = this.vectorIndex;
    for (const event of storedItemEventsBefore(this.db, beforeTs)) view.observe(event);
    return view;
  }

  /** Replays every stored item event (up to `untilSeq`), in arrival order, into co-visitation and popularity. */
  rebuildBehaviour(untilSeq?: number): number {
    this.coVisitation.clear();
    this.popularity.clear();
    let n = 0;
    for (const event of storedItemEvents(this.db, untilSeq)) {
      this.observe(event);
      n++;
    }
    return n;
  }

  /**
   * The same replay as `rebuildBehaviour`, without holding the thread: new co-visitation and
   * popularity are built beside the serving ones from the stored events in seq chunks, yielding
   * between chunks (live events keep updating the old ones meanwhile), then caught up to the newest
   * stored event and swapped in, in one synchronous step. Used after an erasure.
   */
  async rebuildBehaviourInChunks(options: { chunk?: number; pause?: () => Promise<void> } = {}): Promise<number> {
    const chunk = options.chunk ?? 20_000;
    const pause = options.pause ?? nextTurn;
    const types = Object.keys(EVENT_WEIGHTS);
    const after = this.db.prepare(`SELECT seq, type, item_id AS itemId, session_id AS sessionId, ts FROM events
      WHERE seq > ? AND item_id IS NOT NULL AND type IN (${types.map(() => '?').join(', ')}) ORDER BY seq LIMIT ?`);
    const coVisitation = new CoVisitation(this.options.coVisitation);
    const popularity = new Popularity((itemId) => this.categoryOf.get(itemId)?.category, this.options.popularity);
    let last = 0;
    let n = 0;
    const step = (): number => {
      const rows = after.all(last, ...types, chunk) as (BehaviourEvent & { seq: number })[];
      for (const e of rows) {
        coVisitation.observe(e);
        popularity.observe(e);
        last = e.seq;
      }
      n += rows.length;
      return rows.length;
    };
    while (step() === chunk) await pause();
    // Synchronous from here: nothing is ingested between the last read and the swap.
    while (step() > 0);
    this.coVisitation = coVisitation;
    this.popularity = popularity;
    return n;
  }

  private catchUp(): number {
    const mark = this.vectors.watermark();
    const n = this.vectorIndex.upsert(this.vectors.changedSince(this.vectorIndex.watermark));
    this.vectorIndex.watermark = mark;
    return n;
  }
}

import type { Database } from 'better-sqlite3';
import { ServingIntentModel } from '../finetune/serving-intent-model';
import { seededRandom } from '../ranking/intent/seeded-random';
import { AnnCache } from '../recommend/ann-cache';
import { ItemCache } from '../recommend/item-cache';
import { rankLiveList } from '../recommend/live-list';
import { RetrievalService, StoreVectorSource, type RetrievalLoadReport } from '../retrieval';
import { CatalogRepository, ItemVectorRepository, openDatabase } from '../store';
import { VisualModelRegistry } from '../visual/visual-model-registry';
import { VisualVectors } from '../visual/visual-vectors';
import type { LearnedModelRef, ModelReport, RankJob, ServingUpdate, ServingWorkerData, WorkerOutcome } from './serving-messages';

/** SQLite page cache of a replica's connection (KiB). */
const REPLICA_PAGE_CACHE_KIB = 8192;

/** Intent models a replica keeps loaded (everyone's, and a few experiment arms'). */
const MAX_MODELS = 4;

/**
 * A serving worker's read-only copy of what ranking reads: its own SQLite connection, the saved
 * vector index, the behaviour signals replayed from the store, the catalogue, image vectors and
 * the intent models lists name. The engine keeps it current with updates (events with their seq,
 * catalogue rows, vectors) and hands it fully resolved requests, so it reads no configuration.
 */
export class ServingReplica {
  readonly retrieval: RetrievalService;
  readonly load: RetrievalLoadReport;
  private readonly db: Database;
  private readonly items = new ItemCache();
  private readonly visual: VisualVectors;
  private readonly ann = new AnnCache();
  private readonly models = new Map<string, ServingIntentModel>();
  /** Models being loaded in slices (a preload), by version. */
  private readonly loading = new Set<string>();
  /** Aborted at close: a load in flight stops. */
  private readonly closing = new AbortController();
  private appliedSeq: number;

  constructor(
    private readonly data: ServingWorkerData,
    /** Told which models are loaded (after each change) and which preload failed. */
    private readonly report: (message: ModelReport) => void = () => undefined,
  ) {
    this.db = openDatabase(data.dbPath, { readonly: true });
    // A replica reads little from SQLite once loaded (keyword search, category lookups): a small page cache, not the engine's 64 MiB.
    this.db.pragma(`cache_size = -${REPLICA_PAGE_CACHE_KIB}`);
    this.retrieval = new RetrievalService(this.db, new StoreVectorSource(this.db, data.modelVersion, data.dims), {
      indexDir: data.indexDir,
      vectorIndex: { params: { efSearch: data.efSearch } },
      log: { info: (m) => console.info(`[serving ${data.workerId}] ${m}`), warn: (m) => console.warn(`[serving ${data.workerId}] ${m}`) },
    });
    this.load = this.retrieval.load({ untilSeq: data.untilSeq });
    this.items.load(new CatalogRepository(this.db).all());
    this.visual = new VisualVectors(this.db, new VisualModelRegistry(this.db));
    this.appliedSeq = data.untilSeq;
  }

  get seq(): number {
    return this.appliedSeq;
  }

  get itemCount(): number {
    return this.items.size;
  }

  apply(update: ServingUpdate): void {
    switch (update.type) {
      case 'events':
        for (const e of update.events) if (e.seq > this.appliedSeq) this.retrieval.observe(e);
        this.appliedSeq = Math.max(this.appliedSeq, update.lastSeq);
        return;
      case 'behaviour':
        this.retrieval.rebuildBehaviour(Math.max(this.appliedSeq, update.untilSeq));
        this.appliedSeq = Math.max(this.appliedSeq, update.untilSeq);
        return;
      case 'items':
        this.items.upsert(update.items);
        return;
      case 'vectors':
        this.retrieval.upsertItemVectors(update.rows);
        return;
      case 'visual':
        this.visual.refresh();
        return;
      case 'preload':
        this.preload(update.model);
        return;
    }
  }

  /** Ranks one list as the engine's thread would (same code, same state); the engine logs it. */
  rank(job: RankJob): WorkerOutcome {
    if (this.appliedSeq < job.minSeq) throw new Error(`replica at event ${this.appliedSeq}, the request needs ${job.minSeq}`);
    const learned = job.learned ? this.model(job.learned) : undefined;
    const { items, exploration, features, annHits } = rankLiveList(job.list, learned, { retrieval: this.retrieval, items: this.items, visual: this.visual, ann: this.ann }, seededRandom(job.seed));
    return { items, exploration, features, ...(annHits ? { annHits } : {}) };
  }

  close(): void {
    this.closing.abort(new Error('the serving replica is closing'));
    this.db.close();
  }

  /** The intent models loaded now (what the engine is told). */
  get modelVersions(): string[] {
    return [...this.models.keys()];
  }

  /**
   * Loads a model in time slices (ServingIntentModel.loadAsync): lists keep being ranked between
   * them, and the engine sends lists naming it here only once told it is loaded.
   */
  private preload(ref: LearnedModelRef): void {
    if (this.models.has(ref.version) || this.loading.has(ref.version)) return;
    this.loading.add(ref.version);
    ServingIntentModel.loadAsync(ref.version, ref.path, new ItemVectorRepository(this.db), this.textVersion(), { signal: this.closing.signal })
      .then(
        (model) => this.keep(ref.version, model),
        (err: unknown) => {
          if (!this.closing.signal.aborted) this.report({ type: 'model-failed', version: ref.version, message: err instanceof Error ? err.message : String(err) });
        },
      )
      .finally(() => this.loading.delete(ref.version));
  }

  /**
   * A model a list names. The engine sends such a list only to a replica that reported the model
   * loaded, but it may have been evicted since (a list sent before the engine heard): it is not
   * loaded in one piece here (seconds at 100k items, every list behind it waiting). The list fails,
   * the engine ranks it on its own thread (it holds the model), and the model loads again in slices.
   */
  private model(ref: LearnedModelRef): ServingIntentModel {
    const known = this.models.get(ref.version);
    if (known) return known;
    this.preload(ref);
    throw new Error(`intent model ${ref.version} is not loaded on this replica (loading it in slices); the engine ranks this list`);
  }

  private keep(version: string, model: ServingIntentModel): void {
    if (this.closing.signal.aborted) return;
    this.models.set(version, model);
    if (this.models.size > MAX_MODELS) this.models.delete(this.models.keys().next().value as string);
    this.report({ type: 'models', versions: this.modelVersions });
  }

  private textVersion(): string | null {
    return this.data.modelVersion === 'none' ? null : this.data.modelVersion;
  }
}

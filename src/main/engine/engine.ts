import type { Database } from 'better-sqlite3';
import { join } from 'node:path';
import type { EngineInfo, EngineVersions } from '../../shared/contract';
import { TopicBus } from './bus/topic-bus';
import { Dispatcher } from './rpc/dispatcher';
import { readSessionHistories, PurchaseIntentModel, type Ranker } from './ranking';
import { ItemCache } from './recommend/item-cache';
import { QueryVectors } from './recommend/query-vectors';
import { RetrievalService, SearchVocabulary, StoreVectorSource, type RetrievalLoadReport } from './retrieval';
import type { ReplicaReport, ServingPool } from './serving/serving-pool';
import { servingWorkersFromEnv, startServing } from './serving/serving-setup';
import { planProviders, setExecutionProviderSetting, type ProviderPlan } from './inference/provider-resolver';
import { VisualService } from './visual';
import { SETTINGS_FILE_NAME } from './settings/settings-file';
import { settingsOverrides } from './settings/settings-overrides';
import { SettingsService } from './settings/settings-service';
import { headlessLocations } from './locations/resolve-locations';
import { AuditLog, CatalogRepository, EventRepository, ItemVectorRepository, openDatabase, StatsRepository } from './store';
import { WalCheckpointer, walCheckpointModeFromEnv } from './store/wal-checkpointer';
import type { EngineOptions } from './engine-options';
import { catalogJobServices, type CatalogJobServices as Jobs } from './wiring/catalog-job-services';
import { engineInfo, engineVersions } from './wiring/engine-about';
import type { EngineCore } from './wiring/engine-core';
import { engineHandlers } from './wiring/engine-handlers';
import { guardServices, type GuardServices } from './wiring/guard-services';
import { INTENT_EF_SEARCH } from './wiring/list-settings';
import { liveDataServices, type LiveDataServices as Live } from './wiring/live-data-services';
import { loopServices, type LoopServices } from './wiring/loop-services';
import { modelServices, type ModelServices } from './wiring/model-services';
import { policyServices, type PolicyServices as Policy } from './wiring/policy-services';
import { privacyServices, type PrivacyServices } from './wiring/privacy-services';
import { recommendServices, type RecommendServices } from './wiring/recommend-services';

export type { EngineOptions } from './engine-options';
export { ENGINE_VERSION } from './wiring/engine-about';

/**
 * The composition root: opens the store, builds the services (wiring/, one file per capability)
 * and the dispatcher, starts what needs time, and closes them in order. Runs under plain Node;
 * the Electron glue and the HTTP server only wrap it.
 */
export class Engine {
  readonly bus = new TopicBus();
  readonly dispatcher: Dispatcher;
  /** Team mode: the users of this engine and their hashed tokens (docs/TEAM_MODE.md). */
  readonly users: PrivacyServices['users'];
  readonly events: EventRepository;
  readonly catalog: CatalogRepository;
  readonly stats: StatsRepository;
  readonly vectors: ItemVectorRepository;
  readonly imports: Jobs['imports'];
  readonly ingest: Live['ingest'];
  readonly sessions: Live['sessions'];
  readonly jobs: Jobs['jobs'];
  readonly textModel: Jobs['textModel'];
  readonly embeddings: Jobs['embeddings'];
  readonly items = new ItemCache();
  /** The catalogue's words (typo tolerance, type-ahead) and the synonym table, on this thread. */
  readonly searchVocabulary = new SearchVocabulary();
  /** Past queries that returned clicks (type-ahead), derived from the rewards and impressions tables. */
  readonly querySuggestions: Live['querySuggestions'];
  readonly weights: Policy['weights'];
  readonly rules: Policy['rules'];
  readonly impressions: Policy['impressions'];
  readonly recommender: RecommendServices['recommender'];
  readonly visual: VisualService;
  readonly intentModels: ModelServices['intentModels'];
  readonly loop: LoopServices['loop'];
  readonly exploration: Policy['exploration'];
  /** The after-purchase policy in force (persisted; `options.afterPurchase` is its value until one is stored). */
  readonly afterPurchase: Policy['afterPurchase'];
  readonly experiments: LoopServices['experiments'];
  readonly guard: GuardServices['guard'];
  /** Off-policy estimates (ope.estimate, ope.examination) and the reward setting. */
  readonly ope: Policy['ope'];
  readonly reward: Policy['reward'];
  readonly policies: Policy['policies'];
  /** Per-shopper export and erasure; the retention setting and its runs (docs/PRIVACY.md). */
  readonly privacy: PrivacyServices['privacy'];
  readonly retention: PrivacyServices['retention'];
  /** The app's settings (settings.get / settings.set; docs/PACKAGING.md "App behaviour"). */
  readonly settings: SettingsService;
  private readonly providerPlan: ProviderPlan;
  private purchaseModel: PurchaseIntentModel | undefined;
  /** The intent models: the one that serves everyone (swapped when ready) and the experiment arms' (loaded in the background). */
  private readonly models: ModelServices;
  /** Aborted at close: a model load still in flight stops. */
  private readonly closing = new AbortController();
  private retrievalService: RetrievalService | undefined;
  private retrievalLoad: RetrievalLoadReport | undefined;
  private servingVersion = 'none';
  private queryVectors: QueryVectors | undefined;
  /** The serving workers, once started (none: every list is ranked on this thread). */
  private serving: ServingPool | undefined;
  private readonly ranker: Ranker;
  private readonly db: Database;
  /** Checkpoints the WAL on a worker thread (absent: the engine's commits do, INSTINCT_WAL_CHECKPOINTS=engine-thread). */
  readonly walCheckpointer: WalCheckpointer | undefined;
  private readonly cancelOnClose: (() => void)[];
  private readonly startedAt = Date.now();
  private closed = false;

  constructor(readonly options: EngineOptions) {
    // Planned once at start: a bad INSTINCT_EXECUTION_PROVIDER is an error naming it, not a silent default.
    const logsDir = options.logsDir ?? headlessLocations().logsDir;
    this.settings = new SettingsService({
      file: options.settingsFile ?? join(options.dataDir, SETTINGS_FILE_NAME),
      logsDir,
      effective: () => ({ dataDir: options.dataDir, executionProvider: this.providerPlan.choice }),
    });
    // Saved settings apply at start unless an option or environment variable says otherwise.
    const saved = settingsOverrides(this.settings.current, process.env);
    setExecutionProviderSetting(options.executionProvider ?? saved.executionProvider);
    this.providerPlan = planProviders();
    const dbPath = join(options.dataDir, 'instinct.db');
    const walCheckpoints = options.walCheckpoints ?? walCheckpointModeFromEnv();
    this.db = openDatabase(dbPath, { durability: options.durability ?? 'process-crash' });
    this.walCheckpointer = walCheckpoints === 'background' ? new WalCheckpointer({ db: this.db, file: dbPath }) : undefined;
    this.events = new EventRepository(this.db);
    this.catalog = new CatalogRepository(this.db);
    this.stats = new StatsRepository(this.db);
    this.vectors = new ItemVectorRepository(this.db);
    const audit = new AuditLog(this.db);
    this.settings.auditWith(audit);
    const core: EngineCore = {
      options, db: this.db, dbPath, bus: this.bus, audit, events: this.events, catalog: this.catalog, stats: this.stats, vectors: this.vectors, items: this.items,
      late: {
        retrieval: () => this.retrieval(),
        openRetrieval: () => this.retrievalService,
        indexVersion: () => this.servingVersion,
        textVersion: () => this.textModel.servingVersion()?.modelVersion ?? null,
        queryVectors: () => this.queryVectors,
        purchaseModel: () => this.purchaseModel,
        serving: () => this.serving,
        closed: () => this.closed,
      },
    };
    const live = liveDataServices(core, this.searchVocabulary);
    ({ sessions: this.sessions, ingest: this.ingest, querySuggestions: this.querySuggestions } = live);
    const catalogJobs = catalogJobServices(core, live, { encoderWorkers: options.encoderWorkers ?? saved.encoderWorkers, requestsStarted: () => this.dispatcher.requestsStarted });
    ({ imports: this.imports, jobs: this.jobs, textModel: this.textModel, embeddings: this.embeddings } = catalogJobs);
    this.cancelOnClose = [() => live.publishStats.cancel(), () => catalogJobs.embedChanges.cancel()];
    const policy = policyServices(core, this.jobs);
    ({ weights: this.weights, rules: this.rules, impressions: this.impressions, exploration: this.exploration, afterPurchase: this.afterPurchase, reward: this.reward, ope: this.ope, policies: this.policies } = policy);
    this.visual = new VisualService(this.db, this.vectors);
    this.visual.vectors.onRefresh(() => this.serving?.visualChanged());
    const models = (this.models = modelServices(core, this.closing.signal));
    this.intentModels = models.intentModels;
    const loop = loopServices(core, policy, models, this.querySuggestions);
    ({ loop: this.loop, experiments: this.experiments } = loop);
    const recommend = recommendServices(core, { policy, models, experiments: this.experiments, sessions: this.sessions, ingest: this.ingest, searchVocabulary: this.searchVocabulary, visual: this.visual });
    ({ ranker: this.ranker, recommender: this.recommender } = recommend);
    const guard = guardServices(core, { policy, intentModels: this.intentModels, experiments: this.experiments, recommender: this.recommender });
    this.guard = guard.guard;
    const privacy = privacyServices(core, { sessions: this.sessions, loop: this.loop, querySuggestions: this.querySuggestions });
    ({ privacy: this.privacy, retention: this.retention, users: this.users } = privacy);
    this.dispatcher = new Dispatcher(
      engineHandlers(core, { live, catalogJobs, policy, models, loop, recommend, guard, privacy, visual: this.visual, settings: this.settings, logsDir, info: () => this.info(), versions: () => this.versions() }),
    );
  }

  /**
   * Brings up what needs time: the text encoder, the vector index and behaviour signals, the
   * purchase-intent model, and vectors for items that have none. The engine answers before this
   * finishes (keyword search, cold-start lists); each part takes over as it is ready.
   */
  async start(options: { embedMissing?: boolean } = {}): Promise<void> {
    const encoder = await this.textModel.load().catch((err: unknown) => {
      console.warn(`[engine] text encoder unavailable, serving without it: ${err instanceof Error ? err.message : String(err)}`);
      return undefined;
    });
    if (encoder) this.queryVectors = new QueryVectors((q) => encoder.embedQuery(q));
    this.retrieval();
    const report = this.retrievalLoad;
    if (report) console.info(`[engine] vector index ${report.index} (${report.items} items), ${report.events} events replayed in ${Math.round(report.ms)} ms`);
    this.fitPurchaseIntent();
    const missing = this.catalog.count() - this.vectors.count(this.servingVersion);
    if (encoder && (options.embedMissing ?? true) && missing > 0) this.embeddings.start();
    this.startServingWorkers();
    const serving = this.intentModels.serving();
    if (serving) {
      const switcher = this.models.servedModel;
      // Loaded in slices (the engine answers meanwhile, with the text intent; the workers load it alongside); a promote asked during it runs after it.
      await switcher.serially(async () => {
        try {
          switcher.serve(await switcher.load(serving.version, 'engine'));
        } catch {
          // Logged and audited by the switch. The registry still names it; serving falls back to the text intent until it is fixed or rolled back.
        }
      });
    }
  }

  /** The serving workers (each loads its replica in the background; lists are ranked here until one is ready). */
  private startServingWorkers(): void {
    if (this.serving || this.closed) return;
    const serving = (this.serving = startServing({
      workers: this.options.servingWorkers ?? servingWorkersFromEnv(),
      db: this.db,
      dbPath: join(this.options.dataDir, 'instinct.db'),
      indexDir: join(this.options.dataDir, 'indexes'),
      retrieval: this.retrieval(),
      modelPath: (version) => this.intentModels.pathOf(version),
      random: () => this.ranker.random(),
    }));
    // The arms' models load on the workers too (the serving model's load tells them itself).
    for (const { version, state } of this.models.armModels.statuses()) if (state !== 'failed') serving?.preload(version);
  }

  /** The serving workers' state: how many answer now, and what each loaded. Resolves once none is still loading. */
  async servingWorkers(): Promise<{ ready: number; replicas: ReplicaReport[]; served: ServingPool['served']; memoryPerWorkerMb: number | null }> {
    await this.serving?.whenSettled();
    const pool = this.serving;
    return { ready: pool?.readyCount ?? 0, replicas: pool?.reports ?? [], served: pool?.served ?? { byWorkers: 0, onEngineThread: 0 }, memoryPerWorkerMb: pool?.memoryPerWorkerMb ?? null };
  }

  /** The retrieval capability, opened (index loaded or rebuilt, events replayed) on first use. */
  retrieval(): RetrievalService {
    if (!this.retrievalService) {
      const serving = this.textModel.servingVersion() ?? { modelVersion: 'none', dims: 384 };
      const service = new RetrievalService(this.db, new StoreVectorSource(this.db, serving.modelVersion, serving.dims), { indexDir: join(this.options.dataDir, 'indexes'), vectorIndex: { params: { efSearch: INTENT_EF_SEARCH } }, items: this.items });
      this.retrievalLoad = service.load();
      this.servingVersion = serving.modelVersion;
      this.retrievalService = service;
    }
    return this.retrievalService;
  }

  /** Fits the purchase-intent model on the store's sessions, when they include enough buyers to learn from. */
  fitPurchaseIntent(): PurchaseIntentModel | undefined {
    const sessions = readSessionHistories(this.db);
    const buyers = sessions.filter((s) => s.events.some((e) => e.type === 'purchase')).length;
    if (buyers >= 30 && sessions.length - buyers >= 30) this.purchaseModel = PurchaseIntentModel.fit(sessions);
    return this.purchaseModel;
  }

  info(): EngineInfo {
    return engineInfo({ options: this.options, startedAt: this.startedAt, textModel: this.textModel, providerPlan: this.providerPlan });
  }

  /** The About box: Instinct, the models, Electron (inside the desktop app), Node and ONNX Runtime. */
  versions(): EngineVersions {
    return engineVersions(this.options);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.closing.abort(new Error('the engine is closing'));
    for (const cancel of this.cancelOnClose) cancel();
    this.retention.close();
    this.querySuggestions.close();
    await this.serving?.close();
    await this.imports.close();
    await this.jobs.stopAll();
    this.loop.close();
    try {
      this.retrievalService?.save();
    } catch (err) {
      console.error('[engine] could not save the vector index:', err);
    }
    await this.textModel.dispose();
    await this.walCheckpointer?.close();
    this.db.close();
  }
}

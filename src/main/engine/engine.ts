import type { Database } from 'better-sqlite3';
import { dirname, join, resolve } from 'node:path';
import type { EngineInfo, EngineVersions } from '../../shared/contract';
import { TopicBus } from './bus/topic-bus';
import { debounce, throttle } from './bus/throttle';
import { CatalogEmbeddings } from './catalog/catalog-embeddings';
import { catalogHandlers } from './catalog/catalog-handlers';
import { evalHandlers } from './eval/eval-handlers';
import { DEFAULT_RESULTS_DIR } from './eval';
import { TextModel } from './catalog/text-model';
import { eventHandlers } from './ingest/event-handlers';
import { maxFutureSkewFromEnv } from './ingest/future-skew';
import { IngestService } from './ingest/ingest-service';
import { importHandlers } from './import/import-handlers';
import { ImportService } from './import/import-service';
import { jobHandlers } from './jobs/job-handlers';
import { JobRepository } from './jobs/job-repository';
import { JobRunner } from './jobs/job-runner';
import { Dispatcher } from './rpc/dispatcher';
import { FusionWeightStore, ImpressionLog, PurchaseIntentModel, Ranker, readSessionHistories, RuleStore } from './ranking';
import { ItemCache } from './recommend/item-cache';
import { QueryVectors } from './recommend/query-vectors';
import { recommendHandlers } from './recommend/recommend-handlers';
import { RecommendService } from './recommend/recommend-service';
import { AfterPurchaseSetting } from './recommend/after-purchase-setting';
import { afterPurchaseHandlers } from './recommend/after-purchase-handlers';
import { LexicalSearch, MatchedFacets, RetrievalService, SearchVocabulary, StoreVectorSource, SynonymStore, type RetrievalLoadReport } from './retrieval';
import { searchHandlers } from './retrieval/search-handlers';
import { QuerySuggestions } from './retrieval/query-suggestions/query-suggestions';
import { correctedQuery } from './retrieval/query-suggestions/typeahead';
import { merchandisingHandlers } from './merchandising/merchandising-handlers';
import { RuleHistoryQuery } from './merchandising/rule-history';
import { RuleTransfer } from './merchandising/rule-transfer';
import { SessionInspector } from './inspect/session-inspector';
import { modelHandlers } from './finetune/finetune-handlers';
import { IntentModelRegistry } from './finetune/intent-model-registry';
import { ServingIntentModel } from './finetune/serving-intent-model';
import { tuningHandlers } from './tuning/tuning-handlers';
import { LiveSessions } from './sessions/live-sessions';
import { AuditQuery } from './loop/audit/audit-query';
import { actorOf } from './loop/audit/actor';
import { ExperimentService, experimentHandlers } from './loop/experiments';
import { ExplorationStore } from './loop/exploration/exploration-store';
import { OpeService, opeHandlers, RewardSetting } from './loop/ope';
import { offPolicyAutoTune } from './loop/ope/off-policy-auto-tune';
import { loopHandlers } from './loop/loop-handlers';
import { LoopService } from './loop/loop-service';
import { metricLabels } from './loop/metrics/metric-labels';
import { experimentEvidence } from './loop/publishing/experiment-evidence';
import { GuardService } from './loop/publishing/guard-service';
import { offPolicyFigures } from './loop/publishing/off-policy-figures';
import { replayFigure } from './loop/publishing/replay-figure';
import { policyHandlers } from './loop/policy/policy-handlers';
import { privacyHandlers } from './privacy/privacy-handlers';
import { userHandlers } from './users/user-handlers';
import { UserStore } from './users/user-store';
import { PrivacyService } from './privacy/privacy-service';
import { RetentionService } from './privacy/retention-service';
import { PolicyService } from './loop/policy/policy-service';
import { ServingChoices } from './recommend/serving-choice';
import type { ReplicaReport, ServingPool } from './serving/serving-pool';
import { servingWorkersFromEnv, startServing } from './serving/serving-setup';
import { IntentModelSwitch } from './serving/intent-model-switch';
import { PreparedWindows } from './tuning/prepared-window';
import { sessionProviderRecords } from './inference/provider-records';
import { planProviders, setExecutionProviderSetting, type ProviderPlan } from './inference/provider-resolver';
import { VisualService } from './visual';
import { visualHandlers } from './visual/visual-handlers';
import { SETTINGS_FILE_NAME } from './settings/settings-file';
import { settingsHandlers } from './settings/settings-handlers';
import { settingsOverrides } from './settings/settings-overrides';
import { SettingsService } from './settings/settings-service';
import { aboutVersions, readModelVersions } from './settings/versions';
import { headlessLocations } from './locations/resolve-locations';
import { onnxRuntimeVersion } from './inference/onnx-runtime-version';
import { modelsRoot } from './inference/model-paths';
import { AuditLog, CatalogRepository, EventRepository, ItemVectorRepository, openDatabase, StatsRepository, VersionedConfig } from './store';
import { GuardSettings } from '../../shared/contract';
import type { EngineOptions } from './engine-options';

export type { EngineOptions } from './engine-options';

export const ENGINE_VERSION = '0.1.0';

/**
 * HNSW search breadth. Session intents mix several items' vectors, which are harder queries than
 * single items: efSearch 400 measured recall@100 0.985 on 100k items (200 gave 0.963; BENCHMARKS.md).
 */
const INTENT_EF_SEARCH = 400;

/** Recommendation lists: MMR by category (lambda 0.85) and at most 5 items of one leaf category. */
const RECOMMENDATION_DIVERSITY = { mmrLambda: 0.85, maxPerCategory: 5 } as const;

/**
 * The composition root: opens the store, builds the services and the dispatcher, and closes them
 * in order. Runs under plain Node; the Electron glue and the HTTP server only wrap it.
 */
export class Engine {
  readonly bus = new TopicBus();
  readonly dispatcher: Dispatcher;
  /** Team mode: the users of this engine and their hashed tokens (docs/TEAM_MODE.md). */
  readonly users: UserStore;
  readonly events: EventRepository;
  readonly catalog: CatalogRepository;
  readonly stats: StatsRepository;
  readonly vectors: ItemVectorRepository;
  readonly imports: ImportService;
  readonly ingest: IngestService;
  readonly sessions: LiveSessions;
  readonly jobs: JobRunner;
  readonly textModel: TextModel;
  private readonly providerPlan: ProviderPlan;
  readonly embeddings: CatalogEmbeddings;
  readonly items = new ItemCache();
  /** The catalogue's words (typo tolerance, type-ahead) and the synonym table, on this thread. */
  readonly searchVocabulary = new SearchVocabulary();
  /** Past queries that returned clicks (type-ahead), derived from the rewards and impressions tables. */
  readonly querySuggestions: QuerySuggestions;
  private readonly synonyms: SynonymStore;
  readonly weights: FusionWeightStore;
  readonly rules: RuleStore;
  readonly impressions: ImpressionLog;
  readonly recommender: RecommendService;
  readonly visual: VisualService;
  readonly intentModels: IntentModelRegistry;
  readonly loop: LoopService;
  readonly exploration: ExplorationStore;
  /** The after-purchase policy in force (persisted; `options.afterPurchase` is its value until one is stored). */
  readonly afterPurchase: AfterPurchaseSetting;
  readonly experiments: ExperimentService;
  readonly guard: GuardService;
  /** Off-policy estimates (ope.estimate, ope.examination) and the reward setting. */
  readonly ope: OpeService;
  readonly reward: RewardSetting;
  readonly policies: PolicyService;
  /** Per-shopper export and erasure; the retention setting and its runs (docs/PRIVACY.md). */
  readonly privacy: PrivacyService;
  readonly retention: RetentionService;
  /** The app's settings (settings.get / settings.set; docs/PACKAGING.md "App behaviour"). */
  readonly settings: SettingsService;
  private purchaseModel: PurchaseIntentModel | undefined;
  /** The intent model that serves everyone, and its changes (loaded in slices, swapped when ready, one change at a time). */
  private readonly servedModel: IntentModelSwitch;
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
  private readonly publishStats: ReturnType<typeof throttle>;
  /** New and changed items get vectors (and enter the ANN index) a moment after they are stored. */
  private readonly embedChanges = debounce(() => {
    if (this.closed || !this.textModel.current || this.jobs.isRunning('embed-catalogue')) return;
    this.embeddings.start();
  }, 2000);
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
    this.db = openDatabase(join(options.dataDir, 'instinct.db'), { durability: options.durability ?? 'process-crash' });
    this.events = new EventRepository(this.db);
    this.catalog = new CatalogRepository(this.db);
    this.stats = new StatsRepository(this.db);
    this.vectors = new ItemVectorRepository(this.db);
    const audit = new AuditLog(this.db);
    this.settings.auditWith(audit);
    // Stats are a few count queries: publish at most once a second however fast events arrive.
    this.publishStats = throttle(() => {
      if (!this.closed) this.bus.publish('stats.changed', this.stats.stats());
    }, 1000);
    this.sessions = new LiveSessions((shopperId, limit) => this.events.recent({ limit, shopperId }));
    const maxFutureSkewMs = options.maxFutureSkewMs ?? maxFutureSkewFromEnv();
    this.ingest = new IngestService(this.events, this.bus, this.publishStats, maxFutureSkewMs);
    this.bus.subscribe('events.ingested', (events) => {
      for (const e of events) {
        this.sessions.observe(e);
        // Before the index is first used there is nothing to update: its load replays the store.
        this.retrievalService?.observe(e);
      }
      // After this thread's own state, in the same turn: a list requested after the ack is sent after these.
      this.serving?.observe(events);
    });
    this.items.load(this.catalog.all());
    const vocabularyLoaded = this.searchVocabulary.loadInChunks([...this.items.values()].map((i) => i.itemId), (id) => this.items.get(id));
    this.querySuggestions = new QuerySuggestions({ db: this.db, settings: options.querySuggestions, canonical: (q) => correctedQuery(this.searchVocabulary, q) });
    // After the catalogue's words are loaded: a misspelt past query is filed under its correction.
    this.querySuggestions.rebuildAfter(vocabularyLoaded);
    this.synonyms = new SynonymStore(this.db, audit);
    this.searchVocabulary.setSynonyms(this.synonyms.sets());
    this.synonyms.onChange(() => this.searchVocabulary.setSynonyms(this.synonyms.sets()));
    this.catalog.onUpsert((ids) => {
      const items = ids.flatMap((id) => this.catalog.get(id) ?? []);
      this.items.upsert(items);
      this.searchVocabulary.upsertItems(items);
      this.serving?.upsertItems(items);
      this.embedChanges();
    });
    this.imports = new ImportService({ events: this.events, catalog: this.catalog, ingest: this.ingest, onCatalogChange: this.publishStats, onTaskChange: (task) => this.bus.publish('imports.changed', task), maxFutureSkewMs, requestsStarted: () => this.dispatcher.requestsStarted, database: { file: join(options.dataDir, 'instinct.db'), connection: this.db } });
    const jobRepository = new JobRepository(this.db);
    this.jobs = new JobRunner(jobRepository, this.bus);
    this.textModel = new TextModel(options.textModelDir, options.encoderWorkers ?? saved.encoderWorkers);
    this.embeddings = new CatalogEmbeddings(this.catalog, this.vectors, this.textModel, this.jobs, (version, rows) => {
      if (this.retrievalService && this.servingVersion === version) {
        this.retrievalService.upsertItemVectors(rows);
        this.serving?.upsertVectors(rows);
      }
    });
    // A finished embedding job is a good moment to persist the index, so a restart loads it as is.
    this.bus.subscribe('jobs.progress', (job) => {
      if (job.kind === 'embed-catalogue' && job.status === 'succeeded') this.retrievalService?.save();
    });
    this.weights = new FusionWeightStore(this.db, { audit });
    this.rules = new RuleStore(this.db, { audit });
    this.impressions = new ImpressionLog(this.db);
    this.exploration = new ExplorationStore(this.db, audit);
    this.afterPurchase = new AfterPurchaseSetting(this.db, audit, options.afterPurchase);
    this.reward = new RewardSetting(this.db, audit);
    this.ope = new OpeService({
      db: this.db,
      weights: this.weights,
      reward: this.reward,
      categoryOf: (itemId) => this.items.get(itemId)?.category,
      // Recommendation slots are diversified, search is not (list-ranking.ts).
      diversityOf: (slot) => (slot === 'search' ? {} : RECOMMENDATION_DIVERSITY),
      learnedPolicy: (version) => (this.policies.exists(version) ? this.policies.load(version) : undefined),
    });
    const policyRegistry = new IntentModelRegistry(this.db, audit, 'ranking-policy', 'policy');
    this.policies = new PolicyService({ db: this.db, dbPath: join(options.dataDir, 'instinct.db'), jobs: this.jobs, registry: policyRegistry, ope: this.ope, reward: () => this.reward.get() });
    this.visual = new VisualService(this.db, this.vectors);
    this.visual.vectors.onRefresh(() => this.serving?.visualChanged());
    this.intentModels = new IntentModelRegistry(this.db, audit);
    this.servedModel = new IntentModelSwitch({
      load: (version) => this.loadIntentModelAsync(version),
      audit,
      onLoad: (version) => this.serving?.preload(version),
      onServe: (model) => model && this.serving?.preload(model.version),
      signal: this.closing.signal,
    });
    // The loop: rewards joined to lists, online metrics, experiments (experiments read the roll-ups after each flush).
    this.loop = new LoopService(this.db, {
      events: this.events,
      impressions: this.impressions,
      audit,
      priceOf: (itemId) => this.items.get(itemId)?.price,
      labelOf: metricLabels({ weights: this.weights, rules: this.rules, experiments: () => this.experiments }),
      onFlushed: () => this.experiments.tick(),
      onRewards: (rewards) => this.querySuggestions.observe(rewards),
      ...(options.attribution === false ? { attribution: false } : {}),
    });
    this.experiments = new ExperimentService({
      db: this.db,
      audit,
      rollups: this.loop,
      checks: {
        weightsVersionExists: (v) => this.weights.get(v) !== undefined,
        modelVersionExists: (v) => this.intentModels.get(v) !== undefined,
        ruleExists: (id) => this.rules.get(id) !== undefined,
        policyVersionExists: (v) => this.policies.exists(v),
      },
      publish: {
        useWeightsVersion: (v, actor) => this.weights.rollback(v, `promoted from an experiment`, { actor }),
        promoteModel: (v, actor) => this.promoteIntentModel(v, actor),
        disableRules: (ids, actor) => ids.map((id) => this.rules.update(id, { enabled: false }, { actor })),
        promotePolicy: (v, actor) => this.policies.promote(v, actor, { from: 'experiment' }),
      },
    });
    const ownerOfSession = (sessionId: string): string | undefined => this.stats.sessionOwner(sessionId);
    const servingChoices = new ServingChoices({
      assign: (slot, unitKey) => this.experiments.assign(slot, unitKey),
      weights: this.weights,
      learned: () => this.servedModel.current,
      loadModel: (version) => this.loadIntentModel(version),
      policy: () => this.policies.serving(),
      loadPolicy: (version) => this.policies.load(version),
    });
    const ranker = (this.ranker = new Ranker({
      weights: this.weights,
      rules: this.rules,
      impressions: this.impressions,
      catalog: this.catalog,
      diversity: RECOMMENDATION_DIVERSITY,
      exploration: (slot) => this.exploration.forSlot(slot),
    }));
    const matchedFacets = new MatchedFacets(new LexicalSearch(this.db, this.items), this.items);
    this.recommender = new RecommendService({
      retrieval: () => this.retrieval(),
      items: this.items,
      sessions: this.sessions,
      ranker,
      queryVectors: () => this.queryVectors,
      purchaseIntent: () => this.purchaseModel,
      ownerOfSession,
      recordSearch: (event) => this.ingest.ingest([event]),
      visual: this.visual.vectors,
      learned: () => this.servedModel.current,
      modelVersion: () => this.servingVersion,
      choose: (slot, unitKey, context) => servingChoices.choose(slot, unitKey, context),
      offload: (list, learned) => (this.closed ? undefined : this.serving?.rank(list, learned)),
      offloadWhen: this.options.servingOffload ?? 'busy',
      afterPurchase: () => this.afterPurchase.current(),
      search: { vocabulary: this.searchVocabulary, facets: (plan, filters, limit, listIds) => matchedFacets.count(plan, filters, limit, listIds) },
    });
    const heldOutWindows = new PreparedWindows(this.db, this.recommender);
    const guardSettings = new VersionedConfig(this.db, 'guard', GuardSettings, GuardSettings.parse({}), audit);
    this.guard = new GuardService({
      settings: guardSettings,
      replay: replayFigure(this.recommender, heldOutWindows),
      weights: this.weights,
      models: this.intentModels,
      rules: { list: () => this.rules.list(), candidate: (ruleId, input) => this.rules.preview(ruleId, input) },
      experiments: experimentEvidence(this.experiments),
      offPolicy: offPolicyFigures({
        estimate: (req) => this.ope.estimate(req),
        slotOf: (target) => (target.kind === 'policy' ? String(policyRegistry.get(target.version)?.config.slot ?? 'home') : 'home'),
      }),
      policies: { serving: () => this.policies.serving()?.name ?? null, previous: () => policyRegistry.previous()?.version ?? null, exists: (v) => this.policies.exists(v) },
    });
    this.privacy = new PrivacyService({
      db: this.db,
      audit,
      live: this.sessions,
      forgetInMemory: (shopperId) => {
        this.loop.forgetShopper(shopperId);
        this.events.forgetShopper(shopperId);
        void this.querySuggestions.forgetShopper(shopperId);
        this.stats.recountSessions();
      },
      flushRollups: () => this.loop.flush(),
      rebuildBehaviour: async () => {
        // Before the index is first used there is nothing to rebuild: its load replays the store.
        const n = this.retrievalService ? await this.retrievalService.rebuildBehaviourInChunks() : 0;
        this.serving?.rebuildBehaviour();
        return n;
      },
    });
    this.retention = new RetentionService({ db: this.db, audit, flushRollups: () => this.loop.flush(), onDeleted: () => void this.querySuggestions.rebuild(), onSessionsDeleted: () => this.stats.recountSessions() });
    this.users = new UserStore(this.db, audit);
    this.dispatcher = new Dispatcher([
      { 'engine.info': () => this.info() },
      eventHandlers(this.ingest, this.events, this.stats),
      catalogHandlers(this.catalog, this.publishStats),
      importHandlers(this.imports, audit),
      jobHandlers(this.jobs, jobRepository, this.embeddings),
      recommendHandlers({
        service: this.recommender,
        weights: this.weights,
        rules: this.rules,
        impressions: this.impressions,
        sessions: this.sessions,
        ownerOfSession,
        purchaseIntent: () => this.purchaseModel,
        guard: this.guard,
      }),
      visualHandlers(this.visual),
      searchHandlers({ vocabulary: this.searchVocabulary, synonyms: this.synonyms, suggestions: this.querySuggestions }),
      merchandisingHandlers({
        transfer: new RuleTransfer({ db: this.db, rules: this.rules, audit, refreshSynonyms: () => this.searchVocabulary.setSynonyms(this.synonyms.sets()) }),
        history: new RuleHistoryQuery(this.db),
        rules: this.rules,
      }),
      modelHandlers({
        fineTune: {
          db: this.db,
          vectors: this.vectors,
          jobs: this.jobs,
          registry: this.intentModels,
          modelDir: join(options.dataDir, 'models', 'intent'),
          textVersion: () => this.textVersion(),
          load: (version) => this.loadIntentModelAsync(version),
          ...options.fineTune,
        },
        registry: this.intentModels,
        load: (version, actor) => this.servedModel.load(version, actor),
        swap: (model) => this.servedModel.serve(model),
        serially: (change) => this.servedModel.serially(change),
        guard: this.guard,
      }),
      tuningHandlers({
        db: this.db,
        recommender: this.recommender,
        inspector: new SessionInspector({ events: this.events, stats: this.stats, recommender: this.recommender, items: this.items, weights: this.weights }),
        weights: this.weights,
        jobs: this.jobs,
        windows: heldOutWindows,
        offPolicyTune: (req, ctx) => offPolicyAutoTune(this.ope, this.db, { ...req, now: Date.now() }, ctx),
      }),
      loopHandlers({ loop: this.loop, audit: new AuditQuery(this.db), guard: this.guard, guardSettings, exploration: this.exploration }),
      opeHandlers({ ope: this.ope, reward: this.reward }),
      policyHandlers({ policies: this.policies, guard: this.guard }),
      privacyHandlers({ privacy: this.privacy, retention: this.retention }),
      experimentHandlers({ service: this.experiments, guard: this.guard, actorOf }),
      userHandlers(this.users),
      afterPurchaseHandlers(this.afterPurchase),
      settingsHandlers({
        settings: this.settings,
        logsDir,
        versions: () => this.versions(),
        ...(options.revealLogs ? { revealLogs: options.revealLogs } : {}),
      }),
      evalHandlers(resolve(options.evalResultsDir ?? process.env.INSTINCT_EVAL_RESULTS ?? DEFAULT_RESULTS_DIR)),
    ]);
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
      // Loaded in slices (the engine answers meanwhile, with the text intent; the workers load it alongside); a promote asked during it runs after it.
      await this.servedModel.serially(async () => {
        try {
          this.servedModel.serve(await this.servedModel.load(serving.version, 'engine'));
        } catch {
          // Logged and audited by the switch. The registry still names it; serving falls back to the text intent until it is fixed or rolled back.
        }
      });
    }
  }

  /** The serving workers (each loads its replica in the background; lists are ranked here until one is ready). */
  private startServingWorkers(): void {
    if (this.serving || this.closed) return;
    const dbPath = join(this.options.dataDir, 'instinct.db');
    this.serving = startServing({
      workers: this.options.servingWorkers ?? servingWorkersFromEnv(),
      db: this.db,
      dbPath,
      indexDir: join(this.options.dataDir, 'indexes'),
      retrieval: this.retrieval(),
      modelPath: (version) => this.intentModels.pathOf(version),
      random: () => this.ranker.random(),
    });
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

  private textVersion(): string | null {
    return this.textModel.servingVersion()?.modelVersion ?? null;
  }

  /** Makes an intent-model version serve everyone (an experiment's arm promoted), after the changes asked before; the load fails before anything switches. */
  private promoteIntentModel(version: string, actor: string): Promise<void> {
    return this.servedModel.serially(async () => {
      const model = await this.servedModel.load(version, actor);
      this.intentModels.promote(version, actor, { from: 'experiment' });
      this.servedModel.serve(model);
    });
  }

  /** Loads a version in one piece (an experiment arm's model, on its first list, still does). */
  private loadIntentModel(version: string): ServingIntentModel {
    return ServingIntentModel.load(version, this.intentModels.pathOf(version), this.vectors, this.textVersion());
  }

  /** Loads a version in time slices, yielding to the engine's event loop between them (what serves keeps serving). */
  private async loadIntentModelAsync(version: string): Promise<ServingIntentModel> {
    return ServingIntentModel.loadAsync(version, this.intentModels.pathOf(version), this.vectors, this.textVersion(), { signal: this.closing.signal });
  }

  /** Fits the purchase-intent model on the store's sessions, when they include enough buyers to learn from. */
  fitPurchaseIntent(): PurchaseIntentModel | undefined {
    const sessions = readSessionHistories(this.db);
    const buyers = sessions.filter((s) => s.events.some((e) => e.type === 'purchase')).length;
    if (buyers >= 30 && sessions.length - buyers >= 30) this.purchaseModel = PurchaseIntentModel.fit(sessions);
    return this.purchaseModel;
  }

  info(): EngineInfo {
    const encoder = this.textModel.inUse;
    return {
      name: 'Instinct',
      version: ENGINE_VERSION,
      dataDir: this.options.dataDir,
      transport: this.options.host ?? 'headless',
      startedAt: this.startedAt,
      textModel: encoder ?? null,
      textModelError: this.textModel.lastError,
      executionProviders: {
        choice: this.providerPlan.choice,
        source: this.providerPlan.source,
        sessions: sessionProviderRecords().map(({ session, provider, fallbackReason, placement, warmUpMs }) => ({ session, provider, fallbackReason, placement, warmUpMs })),
      },
    };
  }

  /** The About box: Instinct, the models, Electron (inside the desktop app), Node and ONNX Runtime. */
  versions(): EngineVersions {
    const modelsDir = this.options.modelsDir ?? (this.options.textModelDir ? dirname(this.options.textModelDir) : modelsRoot());
    return aboutVersions({ instinct: this.options.appVersion ?? ENGINE_VERSION, processVersions: process.versions, onnxRuntime: onnxRuntimeVersion(), models: readModelVersions(modelsDir) });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.closing.abort(new Error('the engine is closing'));
    this.publishStats.cancel();
    this.embedChanges.cancel();
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
    this.db.close();
  }
}

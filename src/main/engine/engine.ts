import type { Database } from 'better-sqlite3';
import { join, resolve } from 'node:path';
import type { EngineInfo } from '../../shared/contract';
import { TopicBus } from './bus/topic-bus';
import { throttle } from './bus/throttle';
import { CatalogEmbeddings } from './catalog/catalog-embeddings';
import { catalogHandlers } from './catalog/catalog-handlers';
import { evalHandlers } from './eval/eval-handlers';
import { DEFAULT_RESULTS_DIR } from './eval';
import { TextModel } from './catalog/text-model';
import { eventHandlers } from './ingest/event-handlers';
import { IngestService } from './ingest/ingest-service';
import { importHandlers } from './import/import-handlers';
import { ImportService } from './import/import-service';
import { jobHandlers } from './jobs/job-handlers';
import { JobRepository } from './jobs/job-repository';
import { JobRunner } from './jobs/job-runner';
import { Dispatcher } from './rpc/dispatcher';
import { LiveSessions } from './sessions/live-sessions';
import { AuditLog, CatalogRepository, EventRepository, ItemVectorRepository, openDatabase, StatsRepository, type Durability } from './store';

export interface EngineOptions {
  dataDir: string;
  durability?: Durability;
  /** Shown in engine.info: 'electron', 'headless', 'cli'. */
  host?: string;
  /** Where the text encoder lives (default: models/text-encoder, or INSTINCT_MODELS_DIR). */
  textModelDir?: string;
  /** Offline evaluation results shown by the console (default .data/eval-results, as `npm run eval` writes). */
  evalResultsDir?: string;
}

export const ENGINE_VERSION = '0.1.0';

/**
 * The composition root: opens the store, builds the services and the dispatcher, and closes them
 * in order. Runs under plain Node; the Electron glue and the HTTP server only wrap it.
 */
export class Engine {
  readonly bus = new TopicBus();
  readonly dispatcher: Dispatcher;
  readonly events: EventRepository;
  readonly catalog: CatalogRepository;
  readonly stats: StatsRepository;
  readonly vectors: ItemVectorRepository;
  readonly imports: ImportService;
  readonly ingest: IngestService;
  readonly sessions: LiveSessions;
  readonly jobs: JobRunner;
  readonly textModel: TextModel;
  readonly embeddings: CatalogEmbeddings;
  private readonly db: Database;
  private readonly publishStats: ReturnType<typeof throttle>;
  private readonly startedAt = Date.now();
  private closed = false;

  constructor(readonly options: EngineOptions) {
    this.db = openDatabase(join(options.dataDir, 'instinct.db'), { durability: options.durability ?? 'process-crash' });
    this.events = new EventRepository(this.db);
    this.catalog = new CatalogRepository(this.db);
    this.stats = new StatsRepository(this.db);
    this.vectors = new ItemVectorRepository(this.db);
    const audit = new AuditLog(this.db);
    // Stats are a few count queries: publish at most once a second however fast events arrive.
    this.publishStats = throttle(() => {
      if (!this.closed) this.bus.publish('stats.changed', this.stats.stats());
    }, 1000);
    this.sessions = new LiveSessions((shopperId, limit) => this.events.recent({ limit, shopperId }));
    this.ingest = new IngestService(this.events, this.bus, this.publishStats);
    this.bus.subscribe('events.ingested', (events) => {
      for (const e of events) this.sessions.observe(e);
    });
    this.imports = new ImportService({ events: this.events, catalog: this.catalog, ingest: this.ingest, onCatalogChange: this.publishStats });
    const jobRepository = new JobRepository(this.db);
    this.jobs = new JobRunner(jobRepository, this.bus);
    this.textModel = new TextModel(options.textModelDir);
    this.embeddings = new CatalogEmbeddings(this.catalog, this.vectors, this.textModel, this.jobs, () => {});
    this.dispatcher = new Dispatcher([
      { 'engine.info': () => this.info() },
      eventHandlers(this.ingest, this.events, this.stats),
      catalogHandlers(this.catalog, this.publishStats),
      importHandlers(this.imports, audit),
      jobHandlers(this.jobs, jobRepository, this.embeddings),
      evalHandlers(resolve(options.evalResultsDir ?? process.env.INSTINCT_EVAL_RESULTS ?? DEFAULT_RESULTS_DIR)),
    ]);
  }

  info(): EngineInfo {
    const encoder = this.textModel.current;
    return {
      name: 'Instinct',
      version: ENGINE_VERSION,
      dataDir: this.options.dataDir,
      transport: this.options.host ?? 'headless',
      startedAt: this.startedAt,
      textModel: encoder ? { modelVersion: encoder.modelVersion, provider: encoder.provider, dimensions: encoder.dimensions } : null,
      textModelError: this.textModel.lastError,
    };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.publishStats.cancel();
    await this.jobs.stopAll();
    await this.textModel.dispose();
    this.db.close();
  }
}

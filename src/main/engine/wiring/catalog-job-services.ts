import { debounce } from '../bus/throttle';
import { CatalogEmbeddings } from '../catalog/catalog-embeddings';
import { TextModel } from '../catalog/text-model';
import { ImportService } from '../import/import-service';
import { JobRepository } from '../jobs/job-repository';
import { JobRunner } from '../jobs/job-runner';
import type { EngineCore } from './engine-core';
import type { LiveDataServices } from './live-data-services';

/** The catalogue's changes and the long work on it: imports, jobs, the text encoder, item embeddings. */
export interface CatalogJobServices {
  readonly imports: ImportService;
  readonly jobRepository: JobRepository;
  readonly jobs: JobRunner;
  readonly textModel: TextModel;
  readonly embeddings: CatalogEmbeddings;
  /** New and changed items get vectors (and enter the ANN index) a moment after they are stored. */
  readonly embedChanges: ReturnType<typeof debounce>;
}

export function catalogJobServices(core: EngineCore, live: LiveDataServices, deps: { encoderWorkers: number | undefined; requestsStarted: () => number }): CatalogJobServices {
  const { bus, late } = core;
  // Assigned below, before any change can be stored: the debounced call reads them when it fires.
  let textModel: TextModel | undefined;
  let jobs: JobRunner | undefined;
  let embeddings: CatalogEmbeddings | undefined;
  const embedChanges = debounce(() => {
    if (late.closed() || !textModel?.current || !embeddings || jobs?.isRunning('embed-catalogue')) return;
    embeddings.start();
  }, 2000);
  core.catalog.onUpsert((ids) => {
    const items = ids.flatMap((id) => core.catalog.get(id) ?? []);
    core.items.upsert(items);
    live.searchVocabulary.upsertItems(items);
    late.serving()?.upsertItems(items);
    embedChanges();
  });
  const imports = new ImportService({
    events: core.events,
    catalog: core.catalog,
    ingest: live.ingest,
    onCatalogChange: live.publishStats,
    onTaskChange: (task) => bus.publish('imports.changed', task),
    maxFutureSkewMs: live.maxFutureSkewMs,
    requestsStarted: deps.requestsStarted,
    database: { file: core.dbPath, connection: core.db },
  });
  const jobRepository = new JobRepository(core.db);
  jobs = new JobRunner(jobRepository, bus);
  textModel = new TextModel(core.options.textModelDir, deps.encoderWorkers);
  embeddings = new CatalogEmbeddings(core.catalog, core.vectors, textModel, jobs, (version, rows) => {
    const retrieval = late.openRetrieval();
    if (retrieval && late.indexVersion() === version) {
      retrieval.upsertItemVectors(rows);
      late.serving()?.upsertVectors(rows);
    }
  });
  // A finished embedding job is a good moment to persist the index, so a restart loads it as is.
  bus.subscribe('jobs.progress', (job) => {
    if (job.kind === 'embed-catalogue' && job.status === 'succeeded') late.openRetrieval()?.save();
  });
  return { imports, jobRepository, jobs, textModel, embeddings, embedChanges };
}

import type { ApiClient } from '../transport/apiClient';
import { createCatalogStore, type CatalogStore } from './catalogStore';
import { connectEngineStore, createEngineStore, type EngineStore } from './engineStore';
import { createEvalStore, type EvalStore } from './evalStore';
import { createImportStore, type ImportStore } from './importStore';
import { createInspectorStore, type InspectorStore } from './inspectorStore';
import { connectJobsStore, createJobsStore, type JobsStore } from './jobsStore';
import { createModelsStore, type ModelsStore } from './modelsStore';
import { connectLiveStore, createLiveStore, type LiveStore } from './liveStore';
import { createRulesStore, type RulesStore } from './rulesStore';
import { connectSessionsStore, createSessionsStore, type SessionsStore } from './sessionsStore';
import { connectTuningStore, createTuningStore, type TuningStore } from './tuningStore';

export interface AppStores {
  engine: EngineStore;
  live: LiveStore;
  sessions: SessionsStore;
  catalog: CatalogStore;
  imports: ImportStore;
  jobs: JobsStore;
  models: ModelsStore;
  evaluation: EvalStore;
  inspector: InspectorStore;
  tuning: TuningStore;
  rules: RulesStore;
}

export function createAppStores(client: ApiClient): AppStores {
  return {
    engine: createEngineStore(client),
    live: createLiveStore(client),
    sessions: createSessionsStore(client),
    catalog: createCatalogStore(client),
    imports: createImportStore(client),
    jobs: createJobsStore(client),
    models: createModelsStore(client),
    evaluation: createEvalStore(client),
    inspector: createInspectorStore(client),
    tuning: createTuningStore(client),
    rules: createRulesStore(client),
  };
}

/** Starts the app-wide loads and push subscriptions; returns one function that stops them all. */
export function startAppStores(stores: AppStores, client: ApiClient): () => void {
  const stops = [
    connectEngineStore(stores.engine, client),
    connectLiveStore(stores.live, client),
    connectSessionsStore(stores.sessions, client),
    connectTuningStore(stores.tuning, client),
    // The embedding job loads the text model: refresh engine.info so the Live page shows it.
    connectJobsStore(stores.jobs, client, {
      onJobFinished: (job) => {
        if (job.kind === 'embed-catalogue') void stores.engine.getState().loadInfo();
        // A successful fine-tune registers a new version: show it in the model versions table.
        if (job.kind === 'fine-tune' && job.status === 'succeeded' && stores.models.getState().loaded) void stores.models.getState().load();
      },
    }),
  ];
  void stores.engine.getState().loadInfo();
  void stores.live.getState().load();
  return () => {
    for (const stop of stops) stop();
  };
}

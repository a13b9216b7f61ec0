import type { ApiClient } from '../transport/apiClient';
import { goToPage } from '../app/goToPage';
import { createCatalogStore, type CatalogStore } from './catalogStore';
import { createCollectionsStore, type CollectionsStore } from './collectionsStore';
import { connectEngineStore, createEngineStore, type EngineStore } from './engineStore';
import { createAfterPurchaseStore, type AfterPurchaseStore } from './afterPurchaseStore';
import { createImageHostsStore, type ImageHostsStore } from './imageHostsStore';
import { createAuditStore, type AuditStore } from './auditStore';
import { createEvalStore, type EvalStore } from './evalStore';
import { createExaminationStore, type ExaminationStore } from './examinationStore';
import { createExpectedEffectStore, type ExpectedEffectStore } from './expectedEffectStore';
import { createExplorationStore, type ExplorationStore } from './explorationStore';
import { createExperimentsStore, type ExperimentsStore } from './experimentsStore';
import { createGuardStore, type GuardStore } from './guardStore';
import { createImportStore, type ImportStore } from './importStore';
import { createInspectorStore, type InspectorStore } from './inspectorStore';
import { connectJobsStore, createJobsStore, type JobsStore } from './jobsStore';
import { createModelsStore, type ModelsStore } from './modelsStore';
import { connectLiveStore, createLiveStore, type LiveStore } from './liveStore';
import { createPerformanceStore, type PerformanceStore } from './performanceStore';
import { createPoliciesStore, type PoliciesStore } from './policiesStore';
import { createPrivacyStore, type PrivacyStore } from './privacyStore';
import { createRetentionStore, type RetentionStore } from './retentionStore';
import { createRulesStore, type RulesStore } from './rulesStore';
import { createRuleInsightsStore, type RuleInsightsStore } from './ruleInsightsStore';
import { createRuleTransferStore, type RuleTransferStore } from './ruleTransferStore';
import { createItemPickerStore, type ItemPickerStore } from './itemPickerStore';
import { createSettingsStore, type SettingsStore } from './settingsStore';
import { createSearchStore, type SearchStore } from './searchStore';
import { connectSessionsStore, createSessionsStore, type SessionsStore } from './sessionsStore';
import { connectTuningStore, createTuningStore, type TuningStore } from './tuningStore';

export interface AppStores {
  engine: EngineStore;
  live: LiveStore;
  sessions: SessionsStore;
  catalog: CatalogStore;
  /** The catalogue's collections (Catalogue page). */
  collections: CollectionsStore;
  imports: ImportStore;
  jobs: JobsStore;
  models: ModelsStore;
  evaluation: EvalStore;
  inspector: InspectorStore;
  tuning: TuningStore;
  rules: RulesStore;
  /** Export and import of rules and synonyms as JSON (Rules page). */
  ruleTransfer: RuleTransferStore;
  /** One rule's history and performance (Rules page). */
  ruleInsights: RuleInsightsStore;
  /** The rule form's product search (catalogue titles, brands, ids). */
  itemPicker: ItemPickerStore;
  performance: PerformanceStore;
  experiments: ExperimentsStore;
  audit: AuditStore;
  /** The one risk-confirmation dialog every guarded change goes through. */
  guard: GuardStore;
  /** Each slot's exploration budget (Experiments page). */
  exploration: ExplorationStore;
  /** The off-policy expected effect of the tuning page's draft weights. */
  expectedEffect: ExpectedEffectStore;
  /** Learned ranking policies: reward, training, versions (Jobs page). */
  policies: PoliciesStore;
  /** The examination curve estimated from exploration (Performance page). */
  examination: ExaminationStore;
  /** A shopper's export and erasure (Inspector page). */
  privacy: PrivacyStore;
  /** The raw-data retention setting (Audit log page). */
  retention: RetentionStore;
  /** The app's settings, the About versions and the log folder (Settings page). */
  settings: SettingsStore;
  /** The after-purchase policy of recommendation lists (Settings page). */
  afterPurchase: AfterPurchaseStore;
  /** The hosts product images may come from (Settings page). */
  imageHosts: ImageHostsStore;
  /** Search as a shopper, facets, synonyms (Search page). */
  search: SearchStore;
}

export function createAppStores(client: ApiClient): AppStores {
  const rules = createRulesStore(client);
  const search = createSearchStore(client);
  return {
    engine: createEngineStore(client),
    live: createLiveStore(client),
    sessions: createSessionsStore(client),
    catalog: createCatalogStore(client),
    // The Rules page's pickers offer the collections: a change reloads its options.
    collections: createCollectionsStore(client, { onChanged: () => void rules.getState().load() }),
    imports: createImportStore(client),
    jobs: createJobsStore(client),
    models: createModelsStore(client),
    evaluation: createEvalStore(client),
    inspector: createInspectorStore(client),
    tuning: createTuningStore(client),
    rules,
    // An import changes both the rules and the synonym sets (Search page).
    ruleTransfer: createRuleTransferStore(client, {
      onApplied: () => {
        void rules.getState().load();
        void search.getState().loadSynonyms();
      },
    }),
    ruleInsights: createRuleInsightsStore(client),
    itemPicker: createItemPickerStore(client),
    performance: createPerformanceStore(client),
    experiments: createExperimentsStore(client),
    audit: createAuditStore(client),
    guard: createGuardStore(client),
    exploration: createExplorationStore(client),
    expectedEffect: createExpectedEffectStore(client),
    policies: createPoliciesStore(client),
    examination: createExaminationStore(client),
    privacy: createPrivacyStore(client),
    retention: createRetentionStore(client),
    settings: createSettingsStore(client),
    afterPurchase: createAfterPurchaseStore(client),
    imageHosts: createImageHostsStore(client),
    search,
  };
}

/** Starts the app-wide loads and push subscriptions; returns one function that stops them all. */
/**
 * The desktop app hands over a CSV or JSONL file the OS opened with Instinct (a second launch, a
 * double-click, File → Import…): it waits on the Import page, chosen, for the user to import it.
 */
export function connectOpenedFiles(stores: AppStores, client: ApiClient, showPage: (id: string) => void): () => void {
  return client.subscribe('app.openFile', (file) => {
    showPage('import');
    const content = file.content;
    void stores.imports.getState().chooseFile(file.fileName, file.size, () => (content === null ? Promise.reject(new Error('file too large for the console')) : Promise.resolve(content)));
  });
}

export function startAppStores(stores: AppStores, client: ApiClient, showPage: (id: string) => void = goToPage): () => void {
  const stops = [
    connectOpenedFiles(stores, client, showPage),
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
        // A successful policy training registers a ranking-policy version with its held-out estimate.
        if (job.kind === 'train-policy' && job.status === 'succeeded' && stores.policies.getState().loaded) void stores.policies.getState().load();
      },
    }),
  ];
  void stores.engine.getState().loadInfo();
  void stores.live.getState().load();
  return () => {
    for (const stop of stops) stop();
  };
}

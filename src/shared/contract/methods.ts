import { z } from 'zod';
import { CatalogImageHosts, ListItemsRequest, ListItemsResult, StoredItem, UpsertItemsRequest } from './catalog';
import { visualMethods } from './visual';
import { IntentModelVersion, PromoteModelRequest, ServingModel, StartFineTuneRequest } from './models';
import { AutoTuneRequest, InspectSessionRequest, ReplayRequest, ReplayResult, SessionInspection } from './inspection';
import { ListEvalResultsRequest, StoredEvalResult } from './evaluation';
import { IngestRequest, IngestResult, RecentEventsRequest, StoredEvent } from './events';
import { ImportIdRequest, ImportReport, ImportTask, ImportTextRequest } from './imports';
import { boundedJsonObject, RULE_PATCH_LIMITS } from './json-limits';
import {
  CreateRuleRequest,
  RuleOptions,
  ExplainRequest,
  Impression,
  PurchaseIntent,
  RankedList,
  RecommendRequest,
  Rule,
  SearchRequest,
  SetWeightsRequest,
  SimilarRequest,
  SimilarResult,
  WeightsVersion,
} from './recommendations';
import { afterPurchaseMethods } from './after-purchase';
import { auditMethods } from './audit';
import { searchMethods, SearchQuery, SearchResult } from './search';
import { rulePreviewMethods } from './rule-preview';
import { ruleTransferMethods } from './rule-transfer';
import { collectionMethods } from './collections';
import { Confirmation } from './confirmation';
import { experimentMethods } from './experiments';
import { guardMethods } from './guard';
import { loopMethods } from './loop';
import { policyMethods } from './policy';
import { privacyMethods } from './privacy';
import { settingsMethods } from './settings';
import { userMethods } from './users';
import { Job, JobIdRequest, ListJobsRequest, StartEmbeddingRequest } from './jobs';
import { EngineInfo, ListSessionsRequest, SessionSummary, StoreStats } from './stats';

const Empty = z.object({}).strict().default({});

/**
 * Every request the engine answers, with its input and output schema. The preload allowlist,
 * the renderer client, the HTTP routes and the validating dispatcher are all derived from this table.
 */
export const methods = {
  'engine.info': { input: Empty, output: EngineInfo },
  'events.ingest': { input: IngestRequest, output: IngestResult },
  'events.recent': { input: RecentEventsRequest, output: z.array(StoredEvent) },
  'catalog.upsert': { input: UpsertItemsRequest, output: z.object({ stored: z.number().int() }) },
  'catalog.list': { input: ListItemsRequest, output: ListItemsResult },
  'catalog.get': { input: z.object({ itemId: z.string().min(1).max(128) }).strict(), output: StoredItem },
  /** Titles of the given items (those in the catalogue; unknown ids are left out), for lists that show names (the Live feed). */
  'catalog.titles': { input: z.object({ itemIds: z.array(z.string().min(1).max(128)).min(1).max(500) }).strict(), output: z.record(z.string(), z.string()) },
  /** Where the catalogue's product images are hosted (Settings, "Product images"). */
  'catalog.imageHosts': { input: Empty, output: CatalogImageHosts },
  'sessions.list': { input: ListSessionsRequest, output: z.array(SessionSummary) },
  'stats.get': { input: Empty, output: StoreStats },
  /** Queues the import and answers with its report when it has run (imports run one at a time, in chunks). */
  'import.text': { input: ImportTextRequest, output: ImportReport },
  'import.queue': { input: Empty, output: z.array(ImportTask) },
  /** Cancels a queued import, or stops a running one after its current chunk (rows stored so far stay). */
  'import.cancel': { input: ImportIdRequest, output: ImportTask },
  'jobs.list': { input: ListJobsRequest, output: z.array(Job) },
  'jobs.get': { input: JobIdRequest, output: Job },
  'jobs.cancel': { input: JobIdRequest, output: Job },
  'embeddings.start': { input: StartEmbeddingRequest, output: Job },
  recommend: { input: RecommendRequest, output: RankedList },
  search: { input: SearchQuery, output: SearchResult },
  similar: { input: SimilarRequest, output: SimilarResult },
  explain: { input: ExplainRequest, output: Impression },
  'intent.get': { input: z.object({ sessionId: z.string().min(1).max(128) }).strict(), output: PurchaseIntent },
  'weights.get': { input: Empty, output: WeightsVersion },
  'weights.set': { input: SetWeightsRequest, output: WeightsVersion },
  'weights.history': { input: Empty, output: z.array(WeightsVersion) },
  'weights.rollback': { input: z.object({ version: z.number().int().min(1), note: z.string().max(500).optional(), confirm: Confirmation.optional() }).strict(), output: WeightsVersion },
  'rules.list': { input: Empty, output: z.array(Rule) },
  'rules.options': { input: Empty, output: RuleOptions },
  'rules.create': { input: CreateRuleRequest, output: Rule },
  'rules.update': { input: z.object({ ruleId: z.string().min(1).max(64), patch: boundedJsonObject(RULE_PATCH_LIMITS), confirm: Confirmation.optional() }).strict(), output: Rule },
  'rules.delete': { input: z.object({ ruleId: z.string().min(1).max(64) }).strict(), output: Rule },
  'inspect.session': { input: InspectSessionRequest, output: SessionInspection },
  'tuning.replay': { input: ReplayRequest, output: ReplayResult },
  'tuning.autotune': { input: AutoTuneRequest, output: Job },
  'finetune.start': { input: StartFineTuneRequest, output: Job },
  /** Continues a cancelled or failed fine-tune job from its last per-epoch checkpoint, as a new job. */
  'finetune.resume': { input: JobIdRequest, output: Job },
  'models.list': { input: Empty, output: z.array(IntentModelVersion) },
  'models.promote': { input: PromoteModelRequest, output: ServingModel },
  'models.rollback': { input: z.object({ confirm: Confirmation.optional() }).strict().default({}), output: ServingModel },
  ...visualMethods,
  ...loopMethods,
  ...experimentMethods,
  ...guardMethods,
  ...auditMethods,
  ...policyMethods,
  ...privacyMethods,
  ...settingsMethods,
  ...userMethods,
  ...searchMethods,
  ...rulePreviewMethods,
  ...ruleTransferMethods,
  ...collectionMethods,
  ...afterPurchaseMethods,
  'eval.results': { input: ListEvalResultsRequest, output: z.array(StoredEvalResult) },
} as const;

export type Methods = typeof methods;
export type MethodName = keyof Methods;
export type MethodInput<M extends MethodName> = z.input<Methods[M]['input']>;
export type MethodParsedInput<M extends MethodName> = z.output<Methods[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<Methods[M]['output']>;

export const METHOD_NAMES = Object.keys(methods) as MethodName[];

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(methods, name);
}


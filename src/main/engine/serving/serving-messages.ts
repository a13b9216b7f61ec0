import type { StoredItem } from '../../../shared/contract';
import type { LiveListRequest, LiveOutcome } from '../recommend/live-list';
import type { BehaviourEvent } from '../retrieval/behaviour-replay';
import type { ItemVectorRecord } from '../retrieval';

/** What a serving worker is started with: where the store and the saved vector index are, and where its replay stops. */
export interface ServingWorkerData {
  readonly workerId: number;
  readonly dbPath: string;
  readonly indexDir: string;
  /** The text model the vector index serves (its vectors' model version) and its dimensions. */
  readonly modelVersion: string;
  readonly dims: number;
  readonly efSearch: number;
  /** Behaviour signals replay the stored events up to this seq; the engine sends every later one. */
  readonly untilSeq: number;
}

/** An intent model version a list's candidates come from, and the file the registry names for it. */
export interface LearnedModelRef {
  readonly version: string;
  readonly path: string;
}

/**
 * Engine -> worker. One port, delivered in order: every update posted before a request is applied
 * before the worker ranks it, which is what keeps a replica as fresh as the engine's own state.
 */
export type ServingUpdate =
  /** Stored events (item events only) up to `lastSeq`, for co-visitation, popularity and trending. */
  | { readonly type: 'events'; readonly events: readonly (BehaviourEvent & { readonly seq: number })[]; readonly lastSeq: number }
  /** Catalogue rows stored or changed. */
  | { readonly type: 'items'; readonly items: readonly StoredItem[] }
  /** Text vectors written by an embedding job. */
  | { readonly type: 'vectors'; readonly rows: readonly ItemVectorRecord[] }
  /** Image vectors or the active visual model changed. */
  | { readonly type: 'visual' }
  /** Rebuild co-visitation, popularity and trending from the stored events up to `untilSeq` (after an erasure). */
  | { readonly type: 'behaviour'; readonly untilSeq: number }
  /** Load an intent model before requests name it (a promotion), in time slices between the other messages. */
  | { readonly type: 'preload'; readonly model: LearnedModelRef };

export interface RankJob {
  readonly type: 'rank';
  readonly id: number;
  /** The newest event seq the engine had announced when it sent this: the replica must have applied it. */
  readonly minSeq: number;
  readonly list: LiveListRequest;
  readonly learned: LearnedModelRef | null;
  /** Seeds the exploration draws (only read when the slot explores). */
  readonly seed: number;
}

export type ServingRequest = ServingUpdate | RankJob | { readonly type: 'close' };

/** The part of a ranking the engine logs. */
export type WorkerOutcome = LiveOutcome;

/** Worker -> engine. */
export type ServingReply =
  | { readonly type: 'ready'; readonly appliedSeq: number; readonly items: number; readonly indexItems: number; readonly loadMs: number; readonly heapMb: number; readonly externalMb: number }
  | { readonly type: 'ranked'; readonly id: number; readonly outcome: WorkerOutcome }
  | { readonly type: 'failed'; readonly id: number; readonly message: string }
  | { readonly type: 'fatal'; readonly message: string }
  /** The intent models the replica holds loaded now (after each load and eviction): lists naming another are ranked on the engine's thread. */
  | { readonly type: 'models'; readonly versions: readonly string[] }
  /** A preloaded intent model could not be loaded (the replica keeps serving the others). */
  | { readonly type: 'model-failed'; readonly version: string; readonly message: string };

/** What a replica tells the engine about its intent models. */
export type ModelReport = Extract<ServingReply, { type: 'models' | 'model-failed' }>;

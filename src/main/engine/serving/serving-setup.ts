import type { Database } from 'better-sqlite3';
import { availableParallelism } from 'node:os';
import type { RetrievalService } from '../retrieval';
import { ServingPool, type ServingPoolOptions } from './serving-pool';

/**
 * Serving workers when neither the engine's options nor INSTINCT_SERVING_WORKERS say: one on a
 * machine with two cores or more, none on one core. Measured (BENCHMARKS.md "Serving"): a list costs
 * the engine's thread about as much CPU as it costs its worker (HTTP, live state, the log, the
 * reply there; candidates, scores and ranking here), so a second worker would wait on the engine's
 * thread, and each worker holds a replica of the index and catalogue (about 500 MB at 100k items).
 */
export function defaultServingWorkers(cores = availableParallelism()): number {
  return cores >= 2 ? 1 : 0;
}

/** INSTINCT_SERVING_WORKERS when it is a whole number, else the default for this machine. */
export function servingWorkersFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.INSTINCT_SERVING_WORKERS;
  const n = raw === undefined || raw.trim() === '' ? NaN : Number(raw);
  return Number.isInteger(n) && n >= 0 ? n : defaultServingWorkers();
}

export interface ServingSetup {
  readonly workers: number;
  readonly db: Database;
  readonly dbPath: string;
  readonly indexDir: string;
  readonly retrieval: RetrievalService;
  readonly modelPath: ServingPoolOptions['modelPath'];
  readonly random: ServingPoolOptions['random'];
}

/**
 * Starts the serving workers over the engine's retrieval: the vector index is saved first (the
 * replicas load it from its files), and the replicas replay the stored events up to the newest
 * seq now, after which the engine sends them every event it announces.
 */
export function startServing(setup: ServingSetup): ServingPool | undefined {
  if (setup.workers <= 0) return undefined;
  setup.retrieval.save();
  const index = setup.retrieval.index;
  const { seq } = setup.db.prepare('SELECT coalesce(max(seq), 0) AS seq FROM events').get() as { seq: number };
  return new ServingPool({
    workers: setup.workers,
    data: { dbPath: setup.dbPath, indexDir: setup.indexDir, modelVersion: index.modelVersion, dims: index.dims, efSearch: index.params.efSearch, untilSeq: seq },
    modelPath: setup.modelPath,
    random: setup.random,
  });
}

import { join } from 'node:path';
import type { Engine } from '../../../../src/main/engine/engine';
import type { ServingPoolOptions } from '../../../../src/main/engine/serving/serving-pool';

/** A pool's worker data over an engine's data folder, as startServing would give it (the index saved first). */
export function poolData(engine: Engine, dataDir: string): ServingPoolOptions['data'] {
  const retrieval = engine.retrieval();
  retrieval.save();
  const index = retrieval.index;
  return {
    dbPath: join(dataDir, 'instinct.db'),
    indexDir: join(dataDir, 'indexes'),
    modelVersion: index.modelVersion,
    dims: index.dims,
    efSearch: index.params.efSearch,
    untilSeq: engine.events.recent({ limit: 1 })[0]?.seq ?? 0,
  };
}

/** A logger that keeps what it was told. */
export function keptLog(): { info: string[]; warn: string[]; log: NonNullable<ServingPoolOptions['log']> } {
  const info: string[] = [];
  const warn: string[] = [];
  return { info, warn, log: { info: (m) => info.push(m), warn: (m) => warn.push(m) } };
}

/**
 * What the one-off search scripts (search-stages, search-filters-ab, filtered-semantic, tail-queries,
 * profile-searches) start from:
 * the engine on a store, the int8 query encoder, the typo dictionary built, and the latency bench's
 * `n` queries (bench/search.ts `benchQueries`). `close` releases the encoder and the engine.
 */
import { Engine } from '../../src/main/engine/engine';
import { SentenceEncoder } from '../../src/main/engine/inference/sentence-encoder';
import { benchQueries, dictionaryReady } from '../search';

export interface SearchBench {
  readonly engine: Engine;
  readonly encoder: SentenceEncoder;
  readonly queries: string[];
  close(): Promise<void>;
}

export async function openSearchBench(dataDir: string, n: number): Promise<SearchBench> {
  const engine = new Engine({ dataDir, host: 'bench' });
  await engine.start({ embedMissing: false });
  const encoder = await SentenceEncoder.load({ variant: 'int8', providers: ['cpu'], log: { info: () => undefined, warn: (m) => console.warn(m) } });
  const close = async (): Promise<void> => {
    await encoder.dispose();
    await engine.close();
  };
  try {
    await dictionaryReady(engine);
    return { engine, encoder, queries: benchQueries(engine, n).queries, close };
  } catch (err) {
    await close();
    throw err;
  }
}

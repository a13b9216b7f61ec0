import type { CatalogItem } from '../../../../src/shared/contract';
import { generateCatalog, generateShopperEvents } from '../../../../src/main/engine/demo';
import type { Engine, EngineOptions } from '../../../../src/main/engine/engine';
import { tempEngine } from '../../../helpers/temp-dir';

export const T_END = Date.UTC(2026, 10, 1);

/** A started engine on a small demo shop (real encoder, real store), with every item embedded. */
export async function recommendFixture(items = 400, shoppers = 80, options: Omit<EngineOptions, 'dataDir'> = {}): Promise<{ env: ReturnType<typeof tempEngine>; engine: Engine; catalog: CatalogItem[] }> {
  const env = tempEngine(options);
  const catalog = generateCatalog({ seed: 11, count: items });
  env.engine.catalog.upsertItems(catalog);
  const events = generateShopperEvents({ seed: 11, catalog, shoppers, startTs: T_END - 7 * 86_400_000, days: 7 });
  env.engine.events.insertEvents(events, { rejectWholeBatch: false });
  await env.engine.start({ embedMissing: false });
  const job = env.engine.embeddings.start();
  const done = await env.engine.jobs.wait(job.jobId);
  if (done.status !== 'succeeded') throw new Error(`embedding failed: ${done.error}`);
  return { env, engine: env.engine, catalog };
}

export function leaf(category: string | undefined): string {
  return category ?? '';
}

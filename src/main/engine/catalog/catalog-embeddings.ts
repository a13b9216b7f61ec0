import { nextTurn } from '../workers/time-slices';
import type { Job, StoredItem } from '../../../shared/contract';
import type { EncoderVariant } from '../inference';
import { runEmbeddingJob } from '../inference/embedding-job';
import type { JobRunner } from '../jobs/job-runner';
import type { CatalogRepository, ItemVectorRepository } from '../store';
import type { TextModel } from './text-model';

/** Items read per turn of the event loop (about 10 ms). */
const PAGE_ITEMS = 1000;

/**
 * The catalogue embedding job: every item's text through the frozen encoder (on the worker pool),
 * cached by model version and content hash so only new or changed items cost anything.
 */
export class CatalogEmbeddings {
  constructor(
    private readonly catalog: CatalogRepository,
    private readonly vectors: ItemVectorRepository,
    private readonly model: TextModel,
    private readonly runner: JobRunner,
    private readonly onVectors: (modelVersion: string, rows: readonly { itemId: string; vector: Float32Array }[]) => void,
  ) {}

  start(variant: EncoderVariant = 'int8'): Job {
    // The worker pool, not the query encoder: a catalogue's batches would block the event loop.
    return this.runner.start('embed-catalogue', { variant }, ({ signal, report }) =>
      this.model.withPool(variant, async (encoder) => {
        const items = await this.readCatalogue(signal);
        const cache = {
          get: (itemId: string, version: string) => this.vectors.get(itemId, version),
          put: (rows: Parameters<ItemVectorRepository['put']>[0]) => {
            this.vectors.put(rows);
            this.onVectors(encoder.modelVersion, rows);
          },
        };
        const result = await runEmbeddingJob({
          items,
          encoder,
          cache,
          signal,
          onProgress: (p) =>
            report({ done: p.done, total: p.total, rate: p.itemsPerSecond, etaSeconds: p.etaSeconds, message: `${p.embedded} embedded, ${p.skipped} cached` }),
        });
        return { ...result, modelVersion: encoder.modelVersion, provider: encoder.provider, workers: encoder.workers };
      }),
    );
  }

  /** The whole catalogue, read a page at a time: reading 100k items at once holds the event loop for most of a second. */
  private async readCatalogue(signal: AbortSignal): Promise<StoredItem[]> {
    const items: StoredItem[] = [];
    for (let page = this.catalog.page(null, PAGE_ITEMS); page.length > 0; page = this.catalog.page(page.at(-1)!.itemId, PAGE_ITEMS)) {
      items.push(...page);
      await nextTurn();
      signal.throwIfAborted();
    }
    return items;
  }
}

import type { Job } from '../../../shared/contract';
import type { EncoderVariant } from '../inference';
import { runEmbeddingJob } from '../inference/embedding-job';
import type { JobRunner } from '../jobs/job-runner';
import type { CatalogRepository, ItemVectorRepository } from '../store';
import type { TextModel } from './text-model';

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
        const items = this.catalog.all();
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
}

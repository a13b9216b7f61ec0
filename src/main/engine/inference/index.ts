/** Inference capability: the pretrained text encoder, its worker pool and the catalogue embedding job. */
export { SentenceEncoder, type EncoderVariant, type SentenceEncoderOptions } from './sentence-encoder';
export { defaultEncoderWorkers, startEncoderPool, type BulkEncoder, type EncoderPoolOptions } from './encoder-pool';
export { startQueryEncoder, type QueryEncoder, type QueryEncoderOptions } from './query-encoder';
export { EXECUTION_PROVIDER_TABLE, providersFor, type ExecutionProviderName } from './execution-providers';
export { EncoderWorkerError, ModelFileError, ModelManifestError, SessionCreateError } from './errors';
export { InMemoryEmbeddingCache, type EmbeddingCache, type EmbeddingRow } from './embedding-cache';
export {
  runEmbeddingJob,
  type EmbeddingJobProgress,
  type EmbeddingJobResult,
  type ItemEmbedder,
  type JobItem,
} from './embedding-job';
export { itemText, contentHash } from './item-text';
export { textEncoderDir, modelsRoot } from './model-paths';
export { cosine } from './pooling';

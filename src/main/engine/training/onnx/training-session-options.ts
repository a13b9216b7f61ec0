import type * as ort from 'onnxruntime-node';

/**
 * Session options of the training graphs (everything but the providers). Their inputs change shape
 * at every step (a packed batch's row count, a sampled softmax's candidate and repeat-pair counts),
 * so ONNX Runtime's memory pattern is off: with it on, each new set of input shapes plans one more
 * block of the arena, and the process's RSS kept growing with the steps (one member, 300 steps at
 * 100,000 items: 1,136 → 1,260 MB; with it off 1,120 → 1,141 MB; docs/INTENT_MODEL.md). The arena
 * stays on: without it each intermediate is a malloc of its own and RSS grew far more (1,402 →
 * 1,908 MB over the same steps).
 */
export function trainingSessionOptions(threads: number): Omit<ort.InferenceSession.SessionOptions, 'executionProviders'> {
  return { intraOpNumThreads: threads, interOpNumThreads: 1, graphOptimizationLevel: 'all', enableMemPattern: false };
}

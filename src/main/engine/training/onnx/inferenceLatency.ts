import { IntentOnnxSession } from './intentOnnxSession';

export interface LatencySummary {
  requests: number;
  p50Ms: number;
  p99Ms: number;
  meanMs: number;
}

/**
 * Per-request latency of an exported intent model: one session (history) per request, run one
 * after another as a serving loop would, after a warm-up. Histories are taken round-robin.
 */
export async function measureIntentLatency(onnx: Uint8Array, histories: readonly Int32Array[], requests = 2000, warmup = 200): Promise<LatencySummary> {
  const session = await IntentOnnxSession.create(onnx);
  try {
    for (let i = 0; i < warmup; i += 1) await session.run(histories[i % histories.length]!);
    const times = new Float64Array(requests);
    for (let i = 0; i < requests; i += 1) {
      const t = performance.now();
      await session.run(histories[i % histories.length]!);
      times[i] = performance.now() - t;
    }
    times.sort();
    const at = (q: number): number => times[Math.min(requests - 1, Math.floor(q * requests))]!;
    return { requests, p50Ms: at(0.5), p99Ms: at(0.99), meanMs: times.reduce((a, b) => a + b, 0) / requests };
  } finally {
    await session.dispose();
  }
}

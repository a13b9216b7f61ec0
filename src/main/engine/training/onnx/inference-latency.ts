import { IntentOnnxSession } from './intent-onnx-session';

export interface LatencySummary {
  requests: number;
  p50Ms: number;
  p99Ms: number;
  meanMs: number;
}

/**
 * Per-request latency of an exported intent model: one session (history) per request, run one
 * after another as a serving loop would, after a warm-up. Histories are taken round-robin.
 * Given several exported models (an ensemble's members), one request is every member's forward
 * pass, one after another, plus the mean of their scores: the ensemble's whole serving cost.
 */
export async function measureIntentLatency(onnx: Uint8Array | readonly Uint8Array[], histories: readonly Int32Array[], requests = 2000, warmup = 200): Promise<LatencySummary> {
  const models = onnx instanceof Uint8Array ? [onnx] : onnx;
  const sessions: IntentOnnxSession[] = [];
  let mean: Float32Array | null = null;
  const serve = async (history: Int32Array): Promise<void> => {
    if (sessions.length === 1) {
      await sessions[0]!.run(history);
      return;
    }
    for (let m = 0; m < sessions.length; m += 1) {
      const { scores } = await sessions[m]!.run(history);
      if (mean === null || mean.length !== scores.length) mean = new Float32Array(scores.length);
      if (m === 0) mean.set(scores);
      else for (let j = 0; j < scores.length; j += 1) mean[j] = mean[j]! + scores[j]!;
    }
    const inv = 1 / sessions.length;
    for (let j = 0; j < mean!.length; j += 1) mean![j] = mean![j]! * inv;
  };
  try {
    for (const model of models) sessions.push(await IntentOnnxSession.create(model));
    for (let i = 0; i < warmup; i += 1) await serve(histories[i % histories.length]!);
    const times = new Float64Array(requests);
    for (let i = 0; i < requests; i += 1) {
      const t = performance.now();
      await serve(histories[i % histories.length]!);
      times[i] = performance.now() - t;
    }
    times.sort();
    const at = (q: number): number => times[Math.min(requests - 1, Math.floor(q * requests))]!;
    return { requests, p50Ms: at(0.5), p99Ms: at(0.99), meanMs: times.reduce((a, b) => a + b, 0) / requests };
  } finally {
    await Promise.all(sessions.map((session) => session.dispose()));
  }
}

import * as ort from 'onnxruntime-node';

/** Serves an exported intent model with ONNX Runtime (CPU): history -> intent vector and catalogue scores. */
export class IntentOnnxSession {
  private constructor(private readonly session: ort.InferenceSession) {}

  static async create(model: Uint8Array | string, threads = 1): Promise<IntentOnnxSession> {
    const options: ort.InferenceSession.SessionOptions = { executionProviders: ['cpu'], intraOpNumThreads: threads, interOpNumThreads: 1, graphOptimizationLevel: 'all' };
    const session = typeof model === 'string' ? await ort.InferenceSession.create(model, options) : await ort.InferenceSession.create(model, options);
    return new IntentOnnxSession(session);
  }

  /** `history`: dense item indices, oldest first, at least one. */
  async run(history: Int32Array): Promise<{ intent: Float32Array; scores: Float32Array }> {
    if (history.length === 0) throw new Error('intent model needs at least one history item');
    const items = new ort.Tensor('int64', BigInt64Array.from(history, (i) => BigInt(i)), [1, history.length]);
    const out = await this.session.run({ items });
    const intent = out.intent?.data;
    const scores = out.scores?.data;
    if (!(intent instanceof Float32Array) || !(scores instanceof Float32Array)) throw new Error('intent model gave no float outputs');
    return { intent, scores };
  }

  async dispose(): Promise<void> {
    await this.session.release();
  }
}

import * as ort from 'onnxruntime-node';
import type { TokenEvents } from '../data/session-events';

/** Serves an exported intent model with ONNX Runtime (CPU): history -> intent vector and catalogue scores. */
export class IntentOnnxSession {
  private constructor(private readonly session: ort.InferenceSession) {}

  static async create(model: Uint8Array | string, threads = 1): Promise<IntentOnnxSession> {
    const options: ort.InferenceSession.SessionOptions = { executionProviders: ['cpu'], intraOpNumThreads: threads, interOpNumThreads: 1, graphOptimizationLevel: 'all' };
    const session = typeof model === 'string' ? await ort.InferenceSession.create(model, options) : await ort.InferenceSession.create(model, options);
    return new IntentOnnxSession(session);
  }

  /**
   * `history`: dense item indices, oldest first, at least one. `events`: each item's type id and
   * gap bucket, for a model exported with event embeddings (it has `types` and `gaps` inputs).
   */
  async run(history: Int32Array, events?: TokenEvents): Promise<{ intent: Float32Array; scores: Float32Array }> {
    if (history.length === 0) throw new Error('intent model needs at least one history item');
    const tensor = (ids: Int32Array): ort.Tensor => new ort.Tensor('int64', BigInt64Array.from(ids, (i) => BigInt(i)), [1, ids.length]);
    const feeds: Record<string, ort.Tensor> = { items: tensor(history) };
    if (this.session.inputNames.includes('types')) {
      if (events === undefined || events.types.length !== history.length || events.gaps.length !== history.length) throw new Error('this intent model reads an event type and a gap bucket per history item');
      feeds.types = tensor(events.types);
      feeds.gaps = tensor(events.gaps);
    }
    const out = await this.session.run(feeds);
    const intent = out.intent?.data;
    const scores = out.scores?.data;
    if (!(intent instanceof Float32Array) || !(scores instanceof Float32Array)) throw new Error('intent model gave no float outputs');
    return { intent, scores };
  }

  async dispose(): Promise<void> {
    await this.session.release();
  }
}

import * as ort from 'onnxruntime-node';
import type { ExecutionProviderName } from '../../inference/execution-providers';
import { int64Tensor, openOrtGraphSession } from '../../inference/ort-provider-session';
import type { SessionProviderRecord } from '../../inference/provider-records';
import type { ProviderPlan } from '../../inference/provider-resolver';
import type { TokenEvents } from '../data/session-events';

export interface IntentSessionOptions {
  /** Providers or a resolver plan (default planProviders()). */
  providers?: readonly ExecutionProviderName[] | ProviderPlan;
  /** Name in the provider records (default 'intent-model'). */
  session?: string;
}

/** Serves an exported intent model with ONNX Runtime, on the resolver's provider: history -> intent vector and catalogue scores. */
export class IntentOnnxSession {
  private constructor(
    private readonly session: ort.InferenceSession,
    /** The provider it runs on, why, and its warm-up (provider-resolver.ts). */
    readonly providerRecord: SessionProviderRecord,
  ) {}

  static async create(model: Uint8Array | string, threads = 1, opts: IntentSessionOptions = {}): Promise<IntentOnnxSession> {
    const { session, record } = await openOrtGraphSession({
      session: opts.session ?? 'intent-model',
      model,
      options: { intraOpNumThreads: threads, interOpNumThreads: 1, graphOptimizationLevel: 'all' },
      // One history item (index 0, a real row of every catalogue) with event type and gap 0 when the model reads them.
      warmUpFeeds: (s) => ({
        items: int64Tensor([0], [1, 1]),
        ...(s.inputNames.includes('types') ? { types: int64Tensor([0], [1, 1]), gaps: int64Tensor([0], [1, 1]) } : {}),
      }),
      ...(opts.providers !== undefined ? { plan: opts.providers } : {}),
    });
    return new IntentOnnxSession(session, record);
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

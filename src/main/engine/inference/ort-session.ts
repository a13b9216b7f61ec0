/** SessionFactory backed by onnxruntime-node. */
import * as ort from 'onnxruntime-node';
import type { EncoderBatch, EncoderSession, SessionFactory, TokenStates } from './encoder-session';
import { createProfiled, nodePlacement, type NodePlacement } from './ort-placement';

const OUTPUT = 'last_hidden_state';

class OrtEncoderSession implements EncoderSession {
  constructor(
    private readonly session: ort.InferenceSession,
    private readonly profilePrefix: string,
  ) {}

  private placed = false;

  async placement(): Promise<NodePlacement> {
    this.placed = true;
    return nodePlacement(this.session, this.profilePrefix);
  }

  async run(b: EncoderBatch): Promise<TokenStates> {
    const dims = [b.batch, b.seq];
    const feeds: Record<string, ort.Tensor> = {
      input_ids: new ort.Tensor('int64', b.inputIds, dims),
      attention_mask: new ort.Tensor('int64', b.attentionMask, dims),
      token_type_ids: new ort.Tensor('int64', b.tokenTypeIds, dims),
    };
    const out = await this.session.run(feeds, [OUTPUT]);
    const t = out[OUTPUT];
    if (!t || t.type !== 'float32' || t.dims.length !== 3) {
      throw new Error(`model output ${OUTPUT} missing or not float32 [batch, seq, dim]`);
    }
    return { data: t.data as Float32Array, dimensions: Number(t.dims[2]) };
  }

  async release(): Promise<void> {
    // A session dropped before its placement was read still has a profile to end and delete.
    if (!this.placed) await this.placement().catch(() => undefined);
    await this.session.release();
  }
}

export const createOrtSession: SessionFactory = async (modelPath, provider, tuning) => {
  const { session, profilePrefix } = await createProfiled((options) => ort.InferenceSession.create(modelPath, options), {
    executionProviders: [provider],
    graphOptimizationLevel: tuning.graphOptimization,
    intraOpNumThreads: tuning.intraOpThreads,
    interOpNumThreads: 1,
    executionMode: 'sequential',
    // CUDA is only asked for when its libraries are on disk (provider-resolver.ts); the fallback is logged there.
    logSeverityLevel: 3,
    extra: { session: { intra_op: { allow_spinning: tuning.spinWait ? '1' : '0' } } },
  });
  return new OrtEncoderSession(session, profilePrefix);
};

/** SessionFactory backed by onnxruntime-node. */
import * as ort from 'onnxruntime-node';
import type { EncoderBatch, EncoderSession, SessionFactory, TokenStates } from './encoder-session';

const OUTPUT = 'last_hidden_state';

class OrtEncoderSession implements EncoderSession {
  constructor(private readonly session: ort.InferenceSession) {}

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
    await this.session.release();
  }
}

export const createOrtSession: SessionFactory = async (modelPath, provider, tuning) => {
  const session = await ort.InferenceSession.create(modelPath, {
    executionProviders: [provider],
    graphOptimizationLevel: tuning.graphOptimization,
    intraOpNumThreads: tuning.intraOpThreads,
    interOpNumThreads: 1,
    executionMode: 'sequential',
    // A failed GPU provider is expected on most machines; we log the fallback ourselves.
    logSeverityLevel: 3,
    extra: { session: { intra_op: { allow_spinning: tuning.spinWait ? '1' : '0' } } },
  });
  return new OrtEncoderSession(session);
};

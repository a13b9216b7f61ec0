/** The onnxruntime-node seam for image encoders (fakeable in tests, like inference/ort-session.ts). */
import * as ort from 'onnxruntime-node';
import type { ExecutionProviderName } from '../inference/execution-providers';
import { createProfiled, nodePlacement, type NodePlacement } from '../inference/ort-placement';

export interface TensorSignature {
  name: string;
  /** 'float32', 'int64', ...; 'non-tensor' for sequences and maps. */
  type: string;
  shape: ReadonlyArray<number | string>;
}

export interface ImageBatchOutput {
  data: Float32Array;
  dims: readonly number[];
}

export interface ImageSession {
  readonly inputs: readonly TensorSignature[];
  readonly outputs: readonly TensorSignature[];
  run(inputName: string, data: Float32Array, dims: readonly number[], outputName: string): Promise<ImageBatchOutput>;
  /** Where ONNX Runtime ran the nodes of the runs so far (asked once, after the warm-up); absent for fakes. */
  placement?(): Promise<NodePlacement | null>;
  release(): Promise<void>;
}

export type ImageSessionFactory = (modelPath: string, provider: ExecutionProviderName) => Promise<ImageSession>;

function signatures(metadata: readonly ort.InferenceSession.ValueMetadata[]): TensorSignature[] {
  return metadata.map((m) => (m.isTensor ? { name: m.name, type: m.type, shape: m.shape } : { name: m.name, type: 'non-tensor', shape: [] }));
}

class OrtImageSession implements ImageSession {
  readonly inputs: readonly TensorSignature[];
  readonly outputs: readonly TensorSignature[];

  private placed = false;

  constructor(
    private readonly session: ort.InferenceSession,
    private readonly profilePrefix: string,
  ) {
    this.inputs = signatures(session.inputMetadata);
    this.outputs = signatures(session.outputMetadata);
  }

  async run(inputName: string, data: Float32Array, dims: readonly number[], outputName: string): Promise<ImageBatchOutput> {
    const out = await this.session.run({ [inputName]: new ort.Tensor('float32', data, dims) }, [outputName]);
    const t = out[outputName];
    if (!t || t.type !== 'float32') throw new Error(`model output ${outputName} missing or not float32`);
    return { data: t.data as Float32Array, dims: t.dims.map(Number) };
  }

  async placement(): Promise<NodePlacement> {
    this.placed = true;
    return nodePlacement(this.session, this.profilePrefix);
  }

  async release(): Promise<void> {
    if (!this.placed) await this.placement().catch(() => undefined);
    await this.session.release();
  }
}

export const createOrtImageSession: ImageSessionFactory = async (modelPath, provider) => {
  const { session, profilePrefix } = await createProfiled((options) => ort.InferenceSession.create(modelPath, options), {
    executionProviders: [provider],
    graphOptimizationLevel: 'all',
    interOpNumThreads: 1,
    executionMode: 'sequential',
    // CUDA is only asked for when its libraries are on disk; the fallback is logged by the resolver.
    logSeverityLevel: 3,
    extra: { session: { intra_op: { allow_spinning: '0' } } },
  });
  return new OrtImageSession(session, profilePrefix);
};

/**
 * Image encoders on onnxruntime-node: registration (validated by a real load and a dummy run)
 * and `embedImages`, which batches preprocessed image tensors and L2-normalises the outputs.
 *
 * The missing step for a real pipeline is image decoding: fetching the catalogue's `imageUrl`,
 * decoding (JPEG/PNG/WebP), resizing/cropping to the model's H x W and normalising the pixels
 * as the model was trained (e.g. ImageNet mean/std), into a float32 CHW tensor. Nothing in the
 * engine does that yet, so callers pass `PreprocessedImage`s.
 */
import { resolve } from 'node:path';
import type { ImageInputSpec, VisualModel } from '../../../shared/contract/visual';
import { consoleLog, type InferenceLog } from '../inference/encoder-session';
import { ModelFileError } from '../inference/errors';
import type { ExecutionProviderName } from '../inference/execution-providers';
import { openOnProvider, planProviders, type ProviderPlan } from '../inference/provider-resolver';
import { ImageModelShapeError } from './errors';
import { modelFileDigest } from './file-digest';
import { dummyRun, inspectImageModel, type ImageSize } from './image-model-inspection';
import { createOrtImageSession, type ImageSession, type ImageSessionFactory } from './image-session';
import { l2Normalised } from './vector-math';
import { visualModelVersion, type VisualModelRegistry } from './visual-model-registry';

/**
 * One image, already decoded and preprocessed for the model: float32, channel-major (C x H x W,
 * the model's `input.imageShape`), normalised as the model expects. Decoding is the caller's job.
 */
export type PreprocessedImage = Float32Array;

export interface RegisterImageEncoderOptions {
  name: string;
  path: string;
  sha256?: string;
  imageSize?: ImageSize;
  outputName?: string;
  activate?: boolean;
  factory?: ImageSessionFactory;
}

/** Validates the file (see image-model-inspection.ts) and records it in the models table. */
export async function registerImageEncoder(registry: VisualModelRegistry, options: RegisterImageEncoderOptions): Promise<VisualModel> {
  const path = resolve(options.path);
  const inspected = await inspectImageModel(path, options);
  const version = visualModelVersion(options.name, inspected.sha256);
  const model = registry.register({
    kind: 'image-encoder',
    version,
    name: options.name,
    path,
    sha256: inspected.sha256,
    dims: inspected.dims,
    input: inspected.input,
    outputName: inspected.outputName,
  });
  return options.activate ? registry.activate(version) : model;
}

export interface ImageEncoderOptions {
  /** Providers to try in order (CPU always last), or a resolver plan; default planProviders(). */
  providers?: readonly ExecutionProviderName[] | ProviderPlan;
  /** Images per run when the model's batch is symbolic (default 16). */
  batchSize?: number;
  factory?: ImageSessionFactory;
  log?: InferenceLog;
}

export class ImageEncoder {
  private constructor(
    private readonly session: ImageSession,
    readonly model: VisualModel & { input: ImageInputSpec; outputName: string; path: string },
    readonly provider: ExecutionProviderName,
    private readonly batchSize: number,
  ) {}

  get modelVersion(): string {
    return this.model.version;
  }

  get dims(): number {
    return this.model.dims;
  }

  /** Floats per image: C x H x W. */
  get imageLength(): number {
    const [c, h, w] = this.model.input.imageShape;
    return c * h * w;
  }

  /** Opens a registered encoder: re-checks the file's sha256, then the first provider whose warm-up run works. */
  static async load(model: VisualModel, options: ImageEncoderOptions = {}): Promise<ImageEncoder> {
    const { input, outputName, path } = model;
    if (model.kind !== 'image-encoder' || !input || !outputName || !path) throw new ImageModelShapeError(model.version, 'not a registered image encoder');
    const sha256 = modelFileDigest(path);
    if (sha256 !== model.sha256) throw new ModelFileError(path, 'corrupt', `sha256 ${sha256}, registry says ${model.sha256}`);
    const factory = options.factory ?? createOrtImageSession;
    const log = options.log ?? consoleLog;
    const { session, record } = await openOnProvider<ImageSession>({
      session: 'image-encoder',
      plan: options.providers ?? planProviders(),
      modelPath: path,
      open: (provider) => factory(path, provider),
      warmUp: async (s) => {
        const dims = await dummyRun(path, s, input, outputName);
        if (dims !== model.dims) throw new ImageModelShapeError(path, `gives ${dims} dimensions, registered with ${model.dims}`);
      },
      placement: async (s) => (s.placement ? s.placement() : null),
      release: (s) => s.release(),
      // On the CPU a shape fault is the model's, not the provider's: no point trying further.
      isFatal: (err, provider) => err instanceof ImageModelShapeError && provider === 'cpu',
      log,
    });
    const batch = input.fixedBatch ?? Math.max(1, Math.floor(options.batchSize ?? 16));
    return new ImageEncoder(session, { ...model, input, outputName, path }, record.provider, batch);
  }

  /** One unit vector per image, in order. An all-zero output stays all-zero (it has no direction). */
  async embedImages(images: readonly PreprocessedImage[]): Promise<Float32Array[]> {
    const per = this.imageLength;
    images.forEach((image, i) => {
      if (image.length !== per) throw new RangeError(`image ${i} has ${image.length} floats, ${this.modelVersion} takes [${this.model.input.imageShape.join(', ')}] = ${per}`);
    });
    const [c, h, w] = this.model.input.imageShape;
    const out: Float32Array[] = [];
    for (let start = 0; start < images.length; start += this.batchSize) {
      const group = images.slice(start, start + this.batchSize);
      // A fixed batch dimension is filled with zero images; their outputs are dropped.
      const batch = this.model.input.fixedBatch ?? group.length;
      const data = new Float32Array(batch * per);
      group.forEach((image, i) => data.set(image, i * per));
      const result = await this.session.run(this.model.input.name, data, [batch, c, h, w], this.model.outputName);
      if (result.data.length !== batch * this.dims) throw new ImageModelShapeError(this.model.path, `output has ${result.data.length} floats for a batch of ${batch}, expected ${batch * this.dims}`);
      for (let i = 0; i < group.length; i++) {
        const row = result.data.subarray(i * this.dims, (i + 1) * this.dims);
        out.push(l2Normalised(row) ?? new Float32Array(this.dims));
      }
    }
    return out;
  }

  async dispose(): Promise<void> {
    await this.session.release();
  }
}

/** `encoder.embedImages(images)` as a function, for callers that hold the encoder as a value. */
export function embedImages(encoder: ImageEncoder, images: readonly PreprocessedImage[]): Promise<Float32Array[]> {
  return encoder.embedImages(images);
}

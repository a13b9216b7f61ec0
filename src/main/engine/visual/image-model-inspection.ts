/**
 * Validates an image-encoder ONNX file before it is registered: loads it with onnxruntime-node
 * on the CPU, reads its input/output signature and runs one dummy (all-zero) image through it.
 */
import type { ImageInputSpec } from '../../../shared/contract/visual';
import { ModelFileError } from '../inference/errors';
import { ImageModelShapeError } from './errors';
import { modelFileDigest } from './file-digest';
import { createOrtImageSession, type ImageSession, type ImageSessionFactory, type TensorSignature } from './image-session';

export interface ImageSize {
  height: number;
  width: number;
}

export interface InspectedImageModel {
  sha256: string;
  input: ImageInputSpec;
  outputName: string;
  dims: number;
}

export interface InspectOptions {
  /** Expected sha256; a mismatch is a corrupt file. */
  sha256?: string;
  /** Resolves symbolic height/width of the model's input. */
  imageSize?: ImageSize;
  /** Which output is the embedding (default: the first float32 output). */
  outputName?: string;
  factory?: ImageSessionFactory;
}

/** The [N, C, H, W] float32 input, with C, H and W made concrete. */
export function resolveImageInput(file: string, inputs: readonly TensorSignature[], imageSize?: ImageSize): ImageInputSpec {
  if (inputs.length !== 1) throw new ImageModelShapeError(file, `expected one image input, found ${inputs.length} (${inputs.map((i) => i.name).join(', ')})`);
  const input = inputs[0]!;
  if (input.type !== 'float32') throw new ImageModelShapeError(file, `input ${input.name} is ${input.type}, expected float32`);
  if (input.shape.length !== 4) throw new ImageModelShapeError(file, `input ${input.name} has shape [${input.shape.join(', ')}], expected [N, C, H, W]`);
  const [batch, channels, height, width] = input.shape as [number | string, number | string, number | string, number | string];
  if (typeof channels !== 'number') throw new ImageModelShapeError(file, `input ${input.name} has a symbolic channel dimension (${channels})`);
  const side = (declared: number | string, wanted: number | undefined, what: string): number => {
    if (typeof declared === 'number') {
      if (wanted !== undefined && wanted !== declared) throw new ImageModelShapeError(file, `input ${input.name} has ${what} ${declared}, imageSize asks for ${wanted}`);
      return declared;
    }
    if (wanted === undefined) throw new ImageModelShapeError(file, `input ${input.name} has a symbolic ${what} (${declared}); pass imageSize`);
    return wanted;
  };
  return {
    name: input.name,
    shape: [...input.shape],
    type: 'float32',
    imageShape: [channels, side(height, imageSize?.height, 'height'), side(width, imageSize?.width, 'width')],
    fixedBatch: typeof batch === 'number' ? batch : null,
  };
}

export function pickOutput(file: string, outputs: readonly TensorSignature[], wanted?: string): string {
  const output = wanted ? outputs.find((o) => o.name === wanted) : outputs.find((o) => o.type === 'float32');
  if (!output) throw new ImageModelShapeError(file, wanted ? `no output named ${wanted}` : 'no float32 output');
  if (output.type !== 'float32') throw new ImageModelShapeError(file, `output ${output.name} is ${output.type}, expected float32`);
  return output.name;
}

/** Runs one all-zero batch; returns the embedding width (every dimension after the batch, flattened). */
export async function dummyRun(file: string, session: ImageSession, input: ImageInputSpec, outputName: string): Promise<number> {
  const batch = input.fixedBatch ?? 1;
  const [c, h, w] = input.imageShape;
  let out;
  try {
    out = await session.run(input.name, new Float32Array(batch * c * h * w), [batch, c, h, w], outputName);
  } catch (err) {
    throw new ImageModelShapeError(file, `a dummy [${batch}, ${c}, ${h}, ${w}] input failed: ${err instanceof Error ? err.message : String(err)}`);
  }
  const dims = out.dims.slice(1).reduce((a, b) => a * b, 1);
  if (out.dims[0] !== batch || out.dims.length < 2 || dims < 1 || out.data.length !== batch * dims) {
    throw new ImageModelShapeError(file, `output ${outputName} has shape [${out.dims.join(', ')}] for a batch of ${batch}, expected [${batch}, D]`);
  }
  return dims;
}

export async function inspectImageModel(path: string, options: InspectOptions = {}): Promise<InspectedImageModel> {
  const sha256 = modelFileDigest(path);
  if (options.sha256 && options.sha256 !== sha256) throw new ModelFileError(path, 'corrupt', `sha256 ${sha256}, expected ${options.sha256}`);
  let session: ImageSession;
  try {
    session = await (options.factory ?? createOrtImageSession)(path, 'cpu');
  } catch (err) {
    throw new ModelFileError(path, 'corrupt', `ONNX Runtime cannot load it: ${err instanceof Error ? err.message : String(err)}`);
  }
  try {
    const input = resolveImageInput(path, session.inputs, options.imageSize);
    const outputName = pickOutput(path, session.outputs, options.outputName);
    const dims = await dummyRun(path, session, input, outputName);
    return { sha256, input, outputName, dims };
  } finally {
    await session.release();
  }
}

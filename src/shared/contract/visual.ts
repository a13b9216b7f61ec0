import { z } from 'zod';
import { RowRejection } from './imports';

/**
 * The visual channel: image-encoder ONNX models and imported per-item image vectors.
 * NOT yet listed in methods.ts: `visualMethods` below is spread into `methods` when the engine
 * wires the handlers (see docs/VISUAL_CHANNEL.md).
 */

export const VISUAL_VECTOR_FORMATS = ['jsonl', 'csv', 'npy'] as const;
export const VisualVectorFormat = z.enum(VISUAL_VECTOR_FORMATS);
export type VisualVectorFormat = z.infer<typeof VisualVectorFormat>;

export const VisualModelKind = z.enum(['image-encoder', 'image-vectors']);
export type VisualModelKind = z.infer<typeof VisualModelKind>;

/** A short name for a model or a vector source: becomes part of the model version. */
export const VisualSourceName = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'letters, digits, . _ - (at most 64)');

/** A model version of the visual channel: `visual:<name>@<first 12 hex of the file's sha256>`. */
export const VisualModelVersion = z.string().regex(/^visual:[A-Za-z0-9][A-Za-z0-9._-]{0,63}@[0-9a-f]{12}$/);

const Sha256 = z.string().regex(/^[0-9a-f]{64}$/);
const Dimension = z.union([z.number().int().positive(), z.string()]);

/** An image encoder's input: one float32 tensor [N, C, H, W]; the batch (and only it) may be symbolic. */
export const ImageInputSpec = z.object({
  name: z.string(),
  /** As declared by the model, e.g. ['N', 3, 224, 224]. */
  shape: z.array(Dimension).length(4),
  type: z.literal('float32'),
  /** The per-image shape the caller's preprocessed tensors must have: [C, H, W]. */
  imageShape: z.tuple([z.number().int().positive(), z.number().int().positive(), z.number().int().positive()]),
  /** Largest batch the model accepts: the batch dimension when it is fixed, else null. */
  fixedBatch: z.number().int().positive().nullable(),
});
export type ImageInputSpec = z.infer<typeof ImageInputSpec>;

export const VisualModel = z.object({
  modelId: z.string(),
  kind: VisualModelKind,
  version: z.string(),
  name: z.string(),
  /** The .onnx file (image-encoder) or the imported vector file (image-vectors). */
  path: z.string().nullable(),
  sha256: z.string().nullable(),
  dims: z.number().int().positive(),
  status: z.enum(['registered', 'active']),
  createdAt: z.number(),
  promotedAt: z.number().nullable(),
  /** image-encoder only. */
  input: ImageInputSpec.optional(),
  outputName: z.string().optional(),
  /** image-vectors only: how the vectors came in. */
  source: z.object({ format: VisualVectorFormat, idsFile: z.string().optional() }).optional(),
});
export type VisualModel = z.infer<typeof VisualModel>;

export const RegisterImageEncoderRequest = z
  .object({
    name: VisualSourceName,
    /** Path of the .onnx file on the engine's machine. */
    path: z.string().min(1).max(4096),
    /** Expected sha256; a mismatch refuses the file as corrupt. */
    sha256: Sha256.optional(),
    /** Resolves symbolic image height/width in the model's input shape. */
    imageSize: z.object({ height: z.number().int().min(1).max(4096), width: z.number().int().min(1).max(4096) }).strict().optional(),
    activate: z.boolean().default(false),
  })
  .strict();
export type RegisterImageEncoderRequest = z.input<typeof RegisterImageEncoderRequest>;

export const ImportVisualVectorsRequest = z
  .object({
    /** Path of the vector file on the engine's machine (.jsonl, .csv or .npy). */
    path: z.string().min(1).max(4096),
    format: VisualVectorFormat,
    /** .npy only: the item ids, one per line, line i+1 naming row i. */
    idsPath: z.string().min(1).max(4096).optional(),
    /** Defaults to the file name without extension. */
    name: VisualSourceName.optional(),
    /** Store under an already registered visual model version (e.g. an encoder's, computed offline). */
    modelVersion: VisualModelVersion.optional(),
    activate: z.boolean().default(true),
  })
  .strict();
export type ImportVisualVectorsRequest = z.input<typeof ImportVisualVectorsRequest>;

/** Largest text accepted through the contract for JSONL/CSV vectors (paths are for larger files and .npy). */
export const MAX_VISUAL_TEXT_BYTES = 32 * 1024 * 1024;

export const ImportVisualVectorsTextRequest = z
  .object({
    fileName: z.string().min(1).max(500),
    format: z.enum(['jsonl', 'csv']),
    content: z.string().max(MAX_VISUAL_TEXT_BYTES),
    name: VisualSourceName.optional(),
    modelVersion: VisualModelVersion.optional(),
    activate: z.boolean().default(true),
  })
  .strict();
export type ImportVisualVectorsTextRequest = z.input<typeof ImportVisualVectorsTextRequest>;

/**
 * Every row accounted for: `rowsRead = stored + rejected`. For .npy, `line` is the 1-based row
 * number, which is also the line of the row's id in the ids file.
 */
export const VisualImportReport = z.object({
  file: z.string(),
  idsFile: z.string().optional(),
  format: VisualVectorFormat,
  modelVersion: z.string(),
  /** null when no row was good enough to set it. */
  dims: z.number().int().positive().nullable(),
  rowsRead: z.number().int(),
  stored: z.number().int(),
  rejected: z.number().int(),
  /** The first rejections, in file order; `rejected` counts them all. */
  rejections: z.array(RowRejection),
  activated: z.boolean(),
});
export type VisualImportReport = z.infer<typeof VisualImportReport>;

export const VisualStatus = z.object({
  active: VisualModel.nullable(),
  /** Items of the catalogue with a vector under the active version. */
  itemsWithVectors: z.number().int(),
  items: z.number().int(),
});
export type VisualStatus = z.infer<typeof VisualStatus>;

const Empty = z.object({}).strict().default({});

/**
 * The visual methods of the contract. Registering an encoder and importing vectors from a path
 * read files on the engine's machine, so they are CLI-only (`npm run cli -- visual ...`), never
 * reachable over HTTP or IPC; the console sends vector files as text instead.
 */
export const visualMethods = {
  'visual.status': { input: Empty, output: VisualStatus },
  'visual.models': { input: Empty, output: z.array(VisualModel) },
  'visual.importText': { input: ImportVisualVectorsTextRequest, output: VisualImportReport },
  'visual.activate': { input: z.object({ version: VisualModelVersion }).strict(), output: VisualModel },
} as const;

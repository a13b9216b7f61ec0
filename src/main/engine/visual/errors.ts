/**
 * Typed failures of the visual channel, in the style of inference/errors.ts. Missing, corrupt
 * or unreadable model files reuse `ModelFileError` from there; these cover what is specific here.
 * All are configuration or input faults: report them (they name the file), never retry.
 */

/** A vector file that cannot be read at all (bad .npy header, no item id column, ids file missing). Nothing is stored. */
export class VisualImportError extends Error {
  override readonly name = 'VisualImportError';
  constructor(
    readonly file: string,
    detail: string,
  ) {
    super(`cannot import visual vectors from ${file}: ${detail}`);
  }
}

/** An ONNX model that loads but is not an image encoder this engine can drive. */
export class ImageModelShapeError extends Error {
  override readonly name = 'ImageModelShapeError';
  constructor(
    readonly file: string,
    detail: string,
  ) {
    super(`model file ${file} is not a usable image encoder: ${detail}`);
  }
}

/** A visual model version that the registry does not know. */
export class UnknownVisualModelError extends Error {
  override readonly name = 'UnknownVisualModelError';
  constructor(readonly version: string) {
    super(`no visual model version ${version} is registered`);
  }
}

/**
 * Typed failures of the inference layer. A model file that is missing or corrupt is a
 * deployment fault, not a transient one: callers should surface it (naming the file) and
 * stop, never retry in a loop.
 */

export type ModelFileProblem = 'missing' | 'corrupt' | 'unreadable' | 'not-in-manifest';

export class ModelFileError extends Error {
  override readonly name = 'ModelFileError';
  constructor(
    readonly file: string,
    readonly problem: ModelFileProblem,
    readonly detail: string,
  ) {
    super(`model file ${file} is ${problem}: ${detail}`);
  }
}

/** The manifest itself is absent or malformed; the model folder cannot be trusted. */
export class ModelManifestError extends Error {
  override readonly name = 'ModelManifestError';
  constructor(
    readonly file: string,
    readonly detail: string,
  ) {
    super(`model manifest ${file} is invalid: ${detail}`);
  }
}

/** No execution provider, not even the CPU, could create a session for the model. */
export class SessionCreateError extends Error {
  override readonly name = 'SessionCreateError';
  constructor(
    readonly modelFile: string,
    readonly attempts: ReadonlyArray<{ provider: string; error: string }>,
  ) {
    super(
      `could not create an inference session for ${modelFile}: ` +
        attempts.map((a) => `${a.provider}: ${a.error}`).join('; '),
    );
  }
}

/** A text encoder worker thread failed a chunk or died; names the worker and why. */
export class EncoderWorkerError extends Error {
  override readonly name = 'EncoderWorkerError';
  constructor(
    readonly worker: number,
    readonly reason: string,
    options?: ErrorOptions,
  ) {
    super(`text encoder worker ${worker} ${reason}`, options);
  }
}

import { env } from 'onnxruntime-node';

/** The ONNX Runtime the engine runs on (the onnxruntime-node package's version), for the About box. */
export function onnxRuntimeVersion(): string | null {
  const versions = env.versions as Readonly<Record<string, string | undefined>>;
  return versions.node ?? versions.common ?? null;
}

/**
 * Whether the CUDA execution provider can load, checked on disk before ONNX Runtime is asked:
 * asking without its libraries prints ORT's red "Failed to load library
 * libonnxruntime_providers_shared.so" before the fallback, which reads as a crash.
 *
 * ONNX Runtime loads provider libraries from the folder of its own library, i.e. next to
 * onnxruntime-node's binding (bin/napi-v6/<platform>/<arch>/). scripts/install-gpu.sh links them
 * there from the onnxruntime-gpu wheel; INSTINCT_ORT_PROVIDER_DIR only tells this check where
 * the binding lives when it is not the one in node_modules (a packaged app).
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

export const CUDA_PROVIDER_LIBRARIES = ['libonnxruntime_providers_shared.so', 'libonnxruntime_providers_cuda.so'] as const;

export type ProviderLibraryCheck = { available: true; dir: string } | { available: false; reason: string };

export interface ProviderLibraryProbe {
  platform?: NodeJS.Platform;
  arch?: string;
  /** Folder of onnxruntime-node's binding (default: INSTINCT_ORT_PROVIDER_DIR, else the installed package's). */
  bindingDir?: string;
  /** The NVIDIA kernel driver's marker file (default /proc/driver/nvidia/version). */
  driverMarker?: string;
  exists?: (path: string) => boolean;
  env?: NodeJS.ProcessEnv;
}

/** bin/napi-v6/<platform>/<arch> of the installed onnxruntime-node. */
export function ortBindingDir(platform: NodeJS.Platform = process.platform, arch: string = process.arch, env: NodeJS.ProcessEnv = process.env): string {
  const configured = env.INSTINCT_ORT_PROVIDER_DIR;
  if (configured !== undefined && configured !== '') return configured;
  const pkg = dirname(require.resolve('onnxruntime-node/package.json'));
  return join(pkg, 'bin', 'napi-v6', platform, arch);
}

export function checkCudaLibraries(probe: ProviderLibraryProbe = {}): ProviderLibraryCheck {
  const platform = probe.platform ?? process.platform;
  const arch = probe.arch ?? process.arch;
  const exists = probe.exists ?? existsSync;
  if (platform !== 'linux' || arch !== 'x64') return { available: false, reason: `onnxruntime-node has no CUDA provider for ${platform}/${arch}` };
  const dir = probe.bindingDir ?? ortBindingDir(platform, arch, probe.env ?? process.env);
  const missing = CUDA_PROVIDER_LIBRARIES.filter((lib) => !exists(join(dir, lib)));
  if (missing.length > 0) return { available: false, reason: `${missing.join(' and ')} not found in ${dir} (scripts/install-gpu.sh installs them)` };
  const driver = probe.driverMarker ?? '/proc/driver/nvidia/version';
  if (!exists(driver)) return { available: false, reason: `no NVIDIA driver (${driver} is absent)` };
  return { available: true, dir };
}

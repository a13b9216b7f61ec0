/**
 * Every native addon the packaged app loads must be unpacked from the asar (a .node file cannot be
 * loaded from inside one), and every addon compiled with node-gyp must be rebuilt for Electron's
 * ABI by electron-builder when packaging. N-API prebuilt binaries (onnxruntime-node, sharp) are
 * ABI-stable and need the unpack only.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { asList, type BuilderConfig } from './builder-config';
import { matchesAny } from './glob-match';

export interface NativeModule {
  name: string;
  /** 'gyp': compiled from binding.gyp, ABI-specific; 'napi-prebuilt': ships .node files only. */
  kind: 'gyp' | 'napi-prebuilt';
}

export function nativeModuleProblems(config: BuilderConfig, modules: readonly NativeModule[]): string[] {
  const unpack = asList(config.asarUnpack);
  const problems: string[] = [];
  if (config.asar === false) return problems; // nothing is packed, so nothing needs unpacking or an asar-aware loader
  for (const module of modules) {
    if (!matchesAny(`node_modules/${module.name}/build/Release/addon.node`, unpack)) {
      problems.push(`native module ${module.name} is not in asarUnpack (add node_modules/${module.name}/**): its .node file cannot load from inside the asar`);
    }
    if (module.kind === 'gyp' && config.npmRebuild === false) {
      problems.push(`native module ${module.name} is compiled against Node's ABI and npmRebuild is false: electron-builder will not rebuild it for Electron`);
    }
  }
  if (modules.some((module) => module.kind === 'gyp') && config.buildDependenciesFromSource !== true) {
    problems.push('buildDependenciesFromSource is not true: compiled addons would be fetched as prebuilt binaries instead of built for this Electron on the packaging machine');
  }
  return problems;
}

interface LockPackage {
  dev?: boolean;
  devOptional?: boolean;
}

function hasNodeBinary(dir: string, depth = 0): boolean {
  if (depth > 6 || !existsSync(dir)) return false;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules') continue;
    if (entry.isFile() && entry.name.endsWith('.node')) return true;
    if (entry.isDirectory() && hasNodeBinary(join(dir, entry.name), depth + 1)) return true;
  }
  return false;
}

/**
 * The production dependency closure's native addons, from package-lock.json and what npm installed.
 * Platform packages of one addon (@img/sharp-linux-x64 …) are reported under their scope's pattern.
 */
export function findNativeModules(root: string, lock: { packages: Record<string, LockPackage> }): NativeModule[] {
  const found = new Map<string, NativeModule>();
  for (const [path, entry] of Object.entries(lock.packages)) {
    if (!path.startsWith('node_modules/') || entry.dev || entry.devOptional) continue;
    const dir = join(root, path);
    const name = path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length);
    if (existsSync(join(dir, 'binding.gyp'))) found.set(name, { name, kind: 'gyp' });
    else if (hasNodeBinary(dir)) found.set(name, { name, kind: 'napi-prebuilt' });
  }
  return [...found.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * The About box's versions: Instinct (package.json), each model (models/<name>/manifest.json),
 * Electron, Node and ONNX Runtime. `aboutVersions` is pure; `readModelVersions` reads the manifests.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EngineVersions } from '../../../shared/contract';

export interface VersionFacts {
  instinct: string;
  /** process.versions (node, and electron inside the desktop app). */
  processVersions: Readonly<Record<string, string | undefined>>;
  onnxRuntime: string | null;
  models: ReadonlyArray<{ name: string; version: string }>;
}

export function aboutVersions(facts: VersionFacts): EngineVersions {
  return {
    instinct: facts.instinct,
    node: facts.processVersions.node ?? 'unknown',
    electron: facts.processVersions.electron ?? null,
    onnxRuntime: facts.onnxRuntime,
    models: [...facts.models].sort((a, b) => a.name.localeCompare(b.name)),
  };
}

function manifestVersion(raw: unknown, folder: string): { name: string; version: string } | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const m = raw as { name?: unknown; modelVersion?: unknown; version?: unknown };
  const version = typeof m.modelVersion === 'string' ? m.modelVersion : typeof m.version === 'string' ? m.version : undefined;
  if (version === undefined) return undefined;
  return { name: typeof m.name === 'string' ? m.name : folder, version };
}

/** Each models/<folder>/manifest.json with a version; unreadable manifests are skipped, not fatal. */
export function readModelVersions(modelsDir: string): Array<{ name: string; version: string }> {
  if (!existsSync(modelsDir)) return [];
  const found: Array<{ name: string; version: string }> = [];
  for (const entry of readdirSync(modelsDir, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    try {
      const model = manifestVersion(JSON.parse(readFileSync(join(modelsDir, entry.name, 'manifest.json'), 'utf8')), entry.name);
      if (model) found.push(model);
    } catch {
      // No manifest, or not JSON: not a model folder the About box can describe.
    }
  }
  return found;
}

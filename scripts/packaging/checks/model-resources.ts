/**
 * Every model file ships in extraResources, outside the asar, byte for byte what its manifest says:
 * each models/<model>/manifest.json lists its files with sha256 and size; the manifest itself and
 * the model card travel with them. A file in models/ that no manifest lists is refused, and so is
 * a `files` pattern that would also pack models/ into the asar.
 */
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { asList, type BuilderConfig, type ResourceEntry } from './builder-config';
import { matchesAny } from './glob-match';

/** Files beside the model that document it rather than being listed in its own manifest. */
const MODEL_METADATA = new Set(['manifest.json', 'MODEL_CARD.md']);

export interface ManifestFile {
  name: string;
  sha256: string;
  bytes?: number;
}

export interface ModelFile {
  /** Relative to models/, with forward slashes: 'text-encoder/encoder-int8.onnx'. */
  path: string;
  bytes: number;
  sha256: string;
  /** The manifest's entry, absent for metadata files and unlisted files. */
  expected?: ManifestFile;
  metadata: boolean;
}

function resourceEntries(config: BuilderConfig): ResourceEntry[] {
  return asList(config.extraResources).map((entry) => (typeof entry === 'string' ? { from: entry, to: entry } : entry));
}

/** Where a file under models/ lands in the packaged resources, or undefined when no entry ships it. */
export function shippedAs(config: BuilderConfig, modelPath: string): string | undefined {
  for (const entry of resourceEntries(config)) {
    const from = entry.from.replace(/\/+$/, '');
    const prefix = `${from}/`;
    const full = `models/${modelPath}`;
    if (!full.startsWith(prefix)) continue;
    const inside = full.slice(prefix.length);
    const filters = asList(entry.filter);
    const excluded = filters.filter((f) => f.startsWith('!')).map((f) => f.slice(1));
    const included = filters.filter((f) => !f.startsWith('!'));
    if (included.length > 0 && !matchesAny(inside, included)) continue;
    if (matchesAny(inside, excluded)) continue;
    return `${(entry.to ?? from).replace(/\/+$/, '')}/${inside}`;
  }
  return undefined;
}

export function modelResourceProblems(config: BuilderConfig, files: readonly ModelFile[]): string[] {
  const problems: string[] = [];
  const asarFiles = asList(config.files).filter((f): f is string => typeof f === 'string' && !f.startsWith('!'));
  for (const file of files) {
    const target = shippedAs(config, file.path);
    if (!target) problems.push(`model file models/${file.path} is not in extraResources`);
    else if (target !== `models/${file.path}`) problems.push(`model file models/${file.path} ships as ${target}, not at resources/models/${file.path} where the app looks`);
    if (matchesAny(`models/${file.path}`, asarFiles)) problems.push(`model file models/${file.path} would also be packed into the asar (files: ${asarFiles.join(', ')})`);
    if (file.metadata) continue;
    if (!file.expected) {
      problems.push(`model file models/${file.path} is not listed in its model's manifest.json`);
      continue;
    }
    if (file.expected.sha256 !== file.sha256) problems.push(`model file models/${file.path}: sha256 ${file.sha256} does not match the manifest's ${file.expected.sha256}`);
    if (file.expected.bytes !== undefined && file.expected.bytes !== file.bytes) problems.push(`model file models/${file.path}: ${file.bytes} bytes, the manifest says ${file.expected.bytes}`);
  }
  return problems;
}

/** Manifest entries whose file is absent from models/. */
export function missingManifestFiles(files: readonly ModelFile[], manifests: ReadonlyMap<string, ManifestFile[]>): string[] {
  const present = new Set(files.map((file) => file.path));
  const missing: string[] = [];
  for (const [model, entries] of manifests) {
    for (const entry of entries) if (!present.has(`${model}/${entry.name}`)) missing.push(`models/${model}/${entry.name} is in the manifest but missing`);
  }
  return missing;
}

async function sha256Of(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? walk(join(dir, entry.name)) : [join(dir, entry.name)]));
}

function readManifest(path: string): ManifestFile[] {
  const parsed = JSON.parse(readFileSync(path, 'utf8')) as { files?: unknown };
  if (!Array.isArray(parsed.files)) throw new Error(`${path}: no "files" list`);
  return parsed.files.map((entry: unknown, i: number) => {
    const e = entry as Partial<ManifestFile>;
    if (typeof e.name !== 'string' || typeof e.sha256 !== 'string') throw new Error(`${path}: files[${i}] needs a name and a sha256`);
    return { name: e.name, sha256: e.sha256, ...(typeof e.bytes === 'number' ? { bytes: e.bytes } : {}) };
  });
}

/** Every file under modelsDir, hashed, with its manifest entry; and the manifests by model folder. */
export async function scanModels(modelsDir: string): Promise<{ files: ModelFile[]; manifests: Map<string, ManifestFile[]> }> {
  const manifests = new Map<string, ManifestFile[]>();
  for (const entry of readdirSync(modelsDir, { withFileTypes: true })) {
    const manifest = join(modelsDir, entry.name, 'manifest.json');
    if (entry.isDirectory() && existsSync(manifest)) manifests.set(entry.name, readManifest(manifest));
  }
  const files: ModelFile[] = [];
  for (const full of walk(modelsDir)) {
    const path = relative(modelsDir, full).split(sep).join('/');
    const [model = '', ...rest] = path.split('/');
    const name = rest.join('/');
    const expected = manifests.get(model)?.find((entry) => entry.name === name);
    files.push({ path, bytes: statSync(full).size, sha256: await sha256Of(full), metadata: rest.length === 1 && MODEL_METADATA.has(name), ...(expected ? { expected } : {}) });
  }
  return { files, manifests };
}

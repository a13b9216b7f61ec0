import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * A version's seed ensemble, `<version>.members.json`: what the registry's `path` names for a
 * version trained as an ensemble. File names are relative to the manifest's folder.
 */
export interface EnsembleManifest {
  version: string;
  /** The item order, shared by every member (positions in each model). */
  items: string;
  members: { model: string; onnx: string; sha256: string; seed: number; valNdcg: number; bestEpoch: number }[];
}

/** sha256 of a file's bytes. */
export function fileSha256(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

/**
 * The registered digest of an ensemble: sha256 of its members' sha256s (hex, in member order, one a
 * line). It depends on the weights only, not on file names, so a resumed run that replays an
 * unbroken one registers the same digest; and it changes when any member file does.
 */
export function ensembleSha256(memberSha256s: readonly string[]): string {
  return createHash('sha256').update(memberSha256s.join('\n')).digest('hex');
}

export function writeManifest(path: string, manifest: EnsembleManifest): void {
  writeFileSync(path, JSON.stringify(manifest, null, 2));
}

/** The item-order file of a model file: `<version>.items.json` for `<version>.model` and `<version>.m<k>.model` alike. */
export function itemsPathOf(modelPath: string): string {
  return modelPath.replace(/(\.m\d+)?\.model$/, '.items.json');
}

/**
 * The model files and item order of a registered path: a members manifest, or (a version from
 * before ensembles) one `.model` file, which serves as a 1-member ensemble.
 */
export function ensembleFiles(registeredPath: string): { models: string[]; items: string } {
  if (!registeredPath.endsWith('.members.json')) return { models: [registeredPath], items: itemsPathOf(registeredPath) };
  const manifest = JSON.parse(readFileSync(registeredPath, 'utf8')) as EnsembleManifest;
  if (!Array.isArray(manifest.members) || manifest.members.length === 0) throw new Error(`${registeredPath}: no members`);
  const dir = dirname(registeredPath);
  return { models: manifest.members.map((m) => join(dir, basename(m.model))), items: join(dir, basename(manifest.items)) };
}

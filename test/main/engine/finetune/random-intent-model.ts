import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileSha256, writeManifest } from '../../../../src/main/engine/finetune/ensemble-manifest';
import { saveModel } from '../../../../src/main/engine/training/checkpoint/model-file';
import { MODEL_DEFAULTS, type IntentModelConfig } from '../../../../src/main/engine/training/model/config';
import { initParameters } from '../../../../src/main/engine/training/model/parameters';
import { seededRandom } from '../../../../src/main/engine/datasets/seeded-random';

export interface RandomModelOptions {
  readonly config?: Partial<IntentModelConfig>;
  readonly textDim?: number;
  /** Members of the ensemble (1: a single `.model` file, as versions from before ensembles). */
  readonly members?: number;
  /** Attributes per item (with `config.useAttributes`): item i gets ids i % count and (i * 7 + 1) % count. */
  readonly attributeCount?: number;
  readonly seed?: number;
}

/**
 * An intent model with random weights over `itemIds`, written as a fine-tune job writes one (the
 * model files, the item order, a members manifest for an ensemble): what loading it costs does not
 * depend on training. Returns the path the registry records and the sha256 it registers.
 */
export function writeRandomModel(dir: string, version: string, itemIds: readonly string[], options: RandomModelOptions = {}): { path: string; sha256: string } {
  const config: IntentModelConfig = { ...MODEL_DEFAULTS, dim: 16, blocks: 1, maxLen: 20, ...options.config };
  const textDim = options.textDim ?? 8;
  const attributeCount = options.attributeCount ?? 0;
  const members = options.members ?? 1;
  const items = `${version}.items.json`;
  writeFileSync(join(dir, items), JSON.stringify(itemIds));
  const files = Array.from({ length: members }, (_, k) => (members === 1 ? `${version}.model` : `${version}.m${k}.model`));
  files.forEach((file, k) => {
    const seed = (options.seed ?? 1) + k;
    const params = initParameters(config, itemIds.length, textDim, seed, attributeCount);
    const random = seededRandom(seed * 7919);
    // Non-zero id embeddings and attribute rows (they start at zero), so every part of the item table counts.
    for (const p of params.list.filter((q) => ['item.id', 'item.attr', 'text.b'].includes(q.name))) {
      const v = p.value;
      for (let i = 0; i < v.length; i += 1) v[i] = (random() - 0.5) * 0.2;
    }
    const attributes =
      config.useAttributes === true
        ? { offsets: Int32Array.from({ length: itemIds.length + 1 }, (_, i) => 2 * i), ids: Int32Array.from({ length: 2 * itemIds.length }, (_, p) => ((p & 1) === 0 ? (p >> 1) % attributeCount : ((p >> 1) * 7 + 1) % attributeCount)), count: attributeCount }
        : undefined;
    saveModel(join(dir, file), { config, numItems: itemIds.length, textDim, params, ...(attributes ? { attributes } : {}) });
  });
  if (members === 1) return { path: join(dir, files[0]!), sha256: fileSha256(join(dir, files[0]!)) };
  const path = join(dir, `${version}.members.json`);
  writeManifest(path, { version, items, members: files.map((model, k) => ({ model, onnx: '', sha256: fileSha256(join(dir, model)), seed: k, valNdcg: 0, bestEpoch: 0 })) });
  return { path, sha256: fileSha256(path) };
}

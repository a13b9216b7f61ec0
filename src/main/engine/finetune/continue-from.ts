import { existsSync, readFileSync } from 'node:fs';
import { loadCheckpoint, saveCheckpoint } from '../training/checkpoint/checkpoint';
import { itemsPathOf } from './ensemble-manifest';
import { refitOnTop } from './finetune-run';

/**
 * Item ids are positions in a model: a run may only continue weights trained on the same
 * catalogue, id by id. Throws, saying what changed and what to do, when `itemIds` differs from
 * the order stored at `itemsPath`.
 */
export function assertSameCatalogue(itemsPath: string, itemIds: readonly string[], since: string, advice: string): void {
  const trainedOn = JSON.parse(readFileSync(itemsPath, 'utf8')) as string[];
  if (trainedOn.length !== itemIds.length || trainedOn.some((id, i) => id !== itemIds[i])) {
    throw new Error(`the catalogue changed since ${since} (${trainedOn.length} items then, ${itemIds.length} now): ${advice}`);
  }
}

/**
 * A checkpoint that starts at the serving version's best weights and runs at most `epochs` more
 * validated epochs, judged afresh on the new window's validation items (the old best score does
 * not carry over), then its refit epochs. Returns its path, how many epochs the lineage had
 * already trained and the refit epochs on top of `epochs`. `seedOffset` is added to the
 * checkpoint's seed (an ensemble member that continues another member's weights: its own data
 * order and dropout, so the two do not train alike).
 */
export function continueFrom(servingModelPath: string, itemIds: readonly string[], epochs: number, out: string, seedOffset = 0): { path: string; epochOffset: number; refitEpochs: number } {
  const ckptPath = servingModelPath.replace(/\.model$/, '.ckpt');
  if (!existsSync(ckptPath)) throw new Error(`${ckptPath}: the serving version has no training checkpoint to continue from`);
  assertSameCatalogue(itemsPathOf(servingModelPath), itemIds, 'the serving version was trained', 'train from scratch');
  const ckpt = loadCheckpoint(ckptPath);
  const refitEpochs = refitOnTop(ckpt.training);
  ckpt.model.params.list.forEach((p, k) => p.value.set(ckpt.best.values[k]!));
  // Field by field: a new run, so nothing of the old run's phase carries over beyond its weights and optimiser.
  saveCheckpoint(out, {
    model: ckpt.model,
    history: ckpt.history,
    adam: ckpt.adam,
    epoch: ckpt.epoch,
    training: { ...ckpt.training, epochs: ckpt.epoch + epochs + refitEpochs, seed: ckpt.training.seed + seedOffset },
    best: { epoch: ckpt.epoch, valNdcg: -1, values: ckpt.best.values.map((v) => v.slice()) },
  });
  return { path: out, epochOffset: ckpt.epoch, refitEpochs };
}

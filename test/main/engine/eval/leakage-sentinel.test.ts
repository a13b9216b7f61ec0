import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { itemCounts } from '../../../../src/main/engine/eval/baselines/recommender';
import { createRecommender } from '../../../../src/main/engine/eval/baselines/model-catalog';
import { IntentRecommender } from '../../../../src/main/engine/eval/learned/intent-recommender';
import { loadSplit } from '../../../../src/main/engine/eval/splits/load-split';
import { splitForTraining } from '../../../../src/main/engine/training/data/training-sequences';
import { intentConfigsFromSpec } from '../../../../src/main/engine/training/model/spec-params';
import { initParameters } from '../../../../src/main/engine/training/model/parameters';
import { tempFolder } from './temp-files';

const files = tempFolder('sentinel');

/**
 * Leakage sentinel: item "999" exists only as test targets (the last item of every fifth user).
 * Nothing that fits or tunes a model on the test fold may see it: the fold's training sequences,
 * the intent model's early-stopping cases and refit sequences, its learned id row and bias (the
 * "priors"), the baselines' counts, and the whole validation fold (where `…:auto` chooses).
 * Broken variants that fail here: leave-one-out cutting the test fold at the wrong end (training on
 * the test targets), a refit over the protocol's targets, a selection run on the test fold.
 */
function sentinelSet(): string {
  const dir = join(files.dir, 'sentinel');
  mkdirSync(dir, { recursive: true });
  const lines = Array.from({ length: 100 }, (_, u) => {
    const start = (u * 3) % 40;
    const items = Array.from({ length: 6 }, (_, t) => ((start + t) % 40) + 1);
    if (u % 5 === 0) items.push(999);
    return `${u + 1} ${items.join(' ')}`;
  });
  files.write('sentinel/Sent.txt', `${lines.join('\n')}\n`);
  return dir;
}

describe('leakage sentinel: an item that is only ever a test target', () => {
  it('never reaches training, early stopping, the refit, the priors or the validation fold', async () => {
    const dir = sentinelSet();
    const { split } = await loadSplit(dir);
    const sentinel = split.itemIds.indexOf('999');
    expect(sentinel).toBeGreaterThanOrEqual(0);
    // It is a test target (20 users) ...
    expect(split.test.cases.filter((c) => c.target === sentinel)).toHaveLength(20);
    // ... and nowhere else: not in the test fold's training data, nor anywhere in the validation fold.
    const has = (s: Int32Array): boolean => s.includes(sentinel);
    expect(split.test.train.sequences.some(has)).toBe(false);
    expect(split.test.cases.some((c) => has(c.history))).toBe(false);
    expect(split.validation.train.sequences.some(has)).toBe(false);
    expect(split.validation.cases.some((c) => has(c.history) || c.target === sentinel)).toBe(false);
    expect(itemCounts(split.test.train)[sentinel]).toBe(0);
    // The intent model's early-stopping cases and refit sequences come from the training sequences only.
    const training = splitForTraining(split.test.train.sequences, split.itemIds.length, 50);
    expect(training.validation.some((c) => c.target === sentinel || has(c.history))).toBe(false);
    expect(training.full.some(has)).toBe(false);
    expect(training.fullCounts[sentinel]).toBe(0);

    // Trained on the test fold (refit included), the model has learned nothing about it: its id row
    // is still its initial value and its bias is the cold-item bias.
    const spec = 'text=0,d=8,blocks=1,maxLen=8,epochs=4,refit=2,valUsers=0,batch=16,engine=typescript,seed=3';
    const params = Object.fromEntries(spec.split(',').map((p) => p.split('=') as [string, string]));
    const { model, training: trainingConfig } = intentConfigsFromSpec(params);
    const rec = new IntentRecommender(model, trainingConfig, () => {}, 1);
    await rec.prepare({ source: dir, itemIds: split.itemIds, train: split.test.train });
    const trained = rec.trainings[0]!.model.params;
    const initial = initParameters(model, split.itemIds.length, 0, 3);
    const row = (p: Float32Array): number[] => Array.from(p.subarray(sentinel * 8, sentinel * 8 + 8));
    expect(rec.trainings[0]!.refit.length).toBe(2);
    expect(row(trained.get('item.id').value)).toEqual(row(initial.get('item.id').value));
    // A warm item's row did move (the check above is not vacuous).
    expect(row(trained.get('item.id').value.subarray(8))).not.toEqual(row(initial.get('item.id').value.subarray(8)));
    const bias = trained.get('item.bias').value;
    const coldItems = Array.from(training.fullCounts.keys()).filter((i) => training.fullCounts[i] === 0);
    expect(coldItems).toContain(sentinel);
    for (const i of coldItems) expect(bias[i]).toBe(bias[sentinel]);

    // A baseline's prior (popularity) knows nothing of it either.
    const popularity = createRecommender('popularity');
    popularity.fit(split.test.train);
    expect(popularity.scoreAll(Int32Array.of(1))[sentinel]).toBe(0);
  }, 60_000);
});

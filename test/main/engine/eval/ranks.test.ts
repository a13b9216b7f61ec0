import { describe, expect, it } from 'vitest';
import { NonFiniteScoreError, ndcgOfRank, rankOfTarget } from '../../../../src/main/engine/datasets/target-rank';
import type { Recommender } from '../../../../src/main/engine/eval/baselines/recommender';
import { makeTrainingData, type EvalFold } from '../../../../src/main/engine/eval/protocols/types';
import { evaluateFold } from '../../../../src/main/engine/eval/runner/evaluate-fold';
import { trainIntentModel } from '../../../../src/main/engine/training/loop/train-intent-model';
import { validationNdcg } from '../../../../src/main/engine/training/loop/validation';
import { catalogueTable } from '../../../../src/main/engine/training/model/catalogue-table';
import { MODEL_DEFAULTS, TRAINING_DEFAULTS } from '../../../../src/main/engine/training/model/config';
import { toySequences, toyText } from '../training/toy-data';

/**
 * The rank rule (datasets/target-rank.ts), in the evaluation's metrics and in the intent model's
 * early stopping alike. Broken variants these tests catch: `s > t || (s === t && i < target)` (ties
 * broken in the target's favour by index: the constant model below then scores NDCG 1 on item 0),
 * and no finiteness check (a NaN target ranks first: `s > NaN` is false for every s).
 */
const constant = (numItems: number, value: number): Recommender => ({
  name: `constant(${value})`,
  fit: () => {},
  scoreAll: (_history, out) => {
    const scores = out !== undefined && out.length === numItems ? out : new Float32Array(numItems);
    scores.fill(value);
    return scores;
  },
});

function fold(numItems: number, targets: number[]): EvalFold {
  return { train: makeTrainingData(numItems, [Int32Array.of(1, 2, 3)]), cases: targets.map((t, i) => ({ caseId: `u${i}`, history: Int32Array.of(1), target: t })) };
}

describe('ranks: ties count against the target; non-finite scores are an error', () => {
  it('a model that scores every item the same ranks every target last and scores 0, whatever the target\'s index', () => {
    expect(rankOfTarget(new Float32Array(7).fill(0.5), 0)).toBe(7);
    const result = evaluateFold(constant(50, 0.5), fold(50, [0, 1, 2, 49]), { coldMaxCount: 5 });
    expect(Array.from(result.unmasked.perCase.get('NDCG@10')!)).toEqual([0, 0, 0, 0]);
    expect(Array.from(result.unmasked.perCase.get('HR@20')!)).toEqual([0, 0, 0, 0]);
  });

  it('a NaN or +Infinity score is an error in the metrics, naming the item; -Infinity is "excluded", ranked last', () => {
    const withNaN = Float32Array.of(0.1, Number.NaN, 0.3);
    expect(() => rankOfTarget(withNaN, 1)).toThrow(NonFiniteScoreError);
    expect(() => rankOfTarget(withNaN, 0)).toThrow(/item 1 is NaN/);
    expect(() => rankOfTarget(Float32Array.of(0.1, Number.POSITIVE_INFINITY), 0)).toThrow(NonFiniteScoreError);
    expect(rankOfTarget(Float32Array.of(Number.NEGATIVE_INFINITY, 0.2, Number.NEGATIVE_INFINITY), 0)).toBe(3);
    expect(() => evaluateFold(constant(20, Number.NaN), fold(20, [3]), { coldMaxCount: 5 })).toThrow(NonFiniteScoreError);
    expect(ndcgOfRank(1, 10)).toBe(1);
    expect(ndcgOfRank(11, 10)).toBe(0);
  });

  it('early stopping uses the same rule: ties against the target, and a NaN score stops training with an error', async () => {
    const numItems = 12;
    const text = toyText(numItems, 6);
    const trained = await trainIntentModel({
      sequences: toySequences(20, numItems),
      numItems,
      text,
      model: { ...MODEL_DEFAULTS, dim: 8, blocks: 1, maxLen: 8 },
      training: { ...TRAINING_DEFAULTS, epochs: 1, batchSize: 8, validationUsers: 0, engine: 'typescript', refitEpochs: 0 },
    });
    const ctx = { params: trained.model.params, config: trained.model.config, text };
    const table = catalogueTable(trained.model, text);
    // A model whose every score ties (zero item vectors and biases, no repeat term): validation NDCG is 0, not 1 for target 0.
    const flat = { ...ctx, config: { ...ctx.config, repeatTerm: false } };
    trained.model.params.get('item.bias').value.fill(0);
    expect(validationNdcg(flat, new Float32Array(table.length), numItems, [{ history: Int32Array.of(3), target: 0 }])).toBe(0);
    // A diverged model (NaN weights) is an error, not a perfect score.
    trained.model.params.get('final.ln.g').value.fill(Number.NaN);
    expect(() => validationNdcg(ctx, table, numItems, [{ history: Int32Array.of(3, 4), target: 5 }])).toThrow(NonFiniteScoreError);
  });
});

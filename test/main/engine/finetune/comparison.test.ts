import { describe, expect, it } from 'vitest';
import { compareVersions, type ComparedModel } from '../../../../src/main/engine/finetune/before-after';
import { COMPARISON_MAX, COMPARISON_MIN, comparisonSize, splitComparisonShoppers } from '../../../../src/main/engine/finetune/comparison-shoppers';
import { jobProgress } from '../../../../src/main/engine/finetune/finetune-progress';
import { refitOnTop } from '../../../../src/main/engine/finetune/finetune-run';
import { timeSlices } from '../../../../src/main/engine/workers/time-slices';
import { watchTimerGaps } from '../../../helpers/timer-gaps';
import type { TokenEvents } from '../../../../src/main/engine/training/data/session-events';
import { trainIntentModel } from '../../../../src/main/engine/training/loop/train-intent-model';
import type { TrainingProgress } from '../../../../src/main/engine/training/loop/progress';
import { MODEL_DEFAULTS, TRAINING_DEFAULTS } from '../../../../src/main/engine/training/model/config';
import { toySequences } from '../training/toy-data';

function shopData(n: number) {
  const sequences = Array.from({ length: n }, (_, i) => Int32Array.of(i % 7, (i + 1) % 7, (i + 2) % 7));
  const tokenEvents: TokenEvents[] = sequences.map((s) => ({ types: new Int32Array(s.length), gaps: new Int32Array(s.length) }));
  return { sequences, tokenEvents, shopperIds: sequences.map((_, i) => `S${i}`) };
}

describe('comparison shoppers held out of fine-tuning', () => {
  it('holds out 10 % of the shoppers, at least 30 and at most 2,000, and none when 30 would be over a quarter', () => {
    expect(comparisonSize(119)).toBe(0);
    expect(comparisonSize(120)).toBe(COMPARISON_MIN);
    expect(comparisonSize(300)).toBe(COMPARISON_MIN);
    expect(comparisonSize(1000)).toBe(100);
    expect(comparisonSize(1_000_000)).toBe(COMPARISON_MAX);
  });

  it('splits by shopper into disjoint sets, the same whatever order the shoppers come in', () => {
    const data = shopData(500);
    const split = splitComparisonShoppers(data);
    expect(split.comparison!.sequences).toHaveLength(50);
    expect(split.training.sequences).toHaveLength(450);
    expect(split.training.tokenEvents).toHaveLength(450);
    // Disjoint and complete: every sequence object goes to exactly one side.
    const held = new Set(split.comparison!.sequences);
    expect(split.training.sequences.some((s) => held.has(s))).toBe(false);
    expect(new Set([...split.training.sequences, ...held]).size).toBe(500);
    const reversed = splitComparisonShoppers({ sequences: [...data.sequences].reverse(), tokenEvents: [...data.tokenEvents].reverse(), shopperIds: [...data.shopperIds].reverse() });
    expect(reversed.shoppers).toEqual(split.shoppers);
    // More shoppers in a later window: the ones held out stay mostly the same (a shopper's place is fixed).
    const grown = splitComparisonShoppers(shopData(550));
    expect(split.shoppers.filter((s) => grown.shoppers.includes(s)).length).toBeGreaterThanOrEqual(45);
  });

  it('skips the comparison with a reason when the window has too few shoppers, and trains on all of them', () => {
    const split = splitComparisonShoppers(shopData(60));
    expect(split.comparison).toBeNull();
    expect(split.training.sequences).toHaveLength(60);
    expect(split.skipped).toMatch(/only 60 shoppers.*no comparison/);
  });

  it('lets the thread answer between cases when given a pause: a timer keeps firing through a long comparison', async () => {
    const itemIds = Array.from({ length: 7 }, (_, i) => `P${i}`);
    const split = splitComparisonShoppers(shopData(400));
    const slow: ComparedModel = {
      usesEvents: false,
      // A case that scores a large catalogue: 3 ms of work.
      candidates: () => {
        const until = performance.now() + 3;
        while (performance.now() < until);
        return [];
      },
      candidatesForTokens: () => [],
    };
    const measure = async (pause?: () => Promise<void>): Promise<{ ticks: number; longest: number }> => {
      const gaps = watchTimerGaps();
      await compareVersions(slow, slow, itemIds, split.comparison!, pause);
      return gaps.stop();
    };
    expect(split.comparison!.sequences.length).toBe(40);
    // 80 cases of 3 ms: about 240 ms in one piece without a pause, no timer in between.
    const whole = await measure();
    expect(whole.ticks).toBe(0);
    const sliced = await measure(timeSlices(8).pause);
    expect(sliced.ticks).toBeGreaterThan(10);
    expect(sliced.longest).toBeLessThan(whole.longest / 2);
  });

  it('scores the new and the serving version on exactly the same cases: each held-out history, its last item the target', async () => {
    const split = splitComparisonShoppers(shopData(400));
    const itemIds = Array.from({ length: 7 }, (_, i) => `I${i}`);
    const seen = new Map<string, string[][]>();
    const model = (name: string, right: boolean): ComparedModel => ({
      usesEvents: name === 'after',
      candidates: (history) => {
        seen.set(name, [...(seen.get(name) ?? []), [...history]]);
        return [{ itemId: right ? itemIds[(Number(history.at(-1)!.slice(1)) + 1) % 7]! : 'none', score: 1 }];
      },
      candidatesForTokens: (history) => {
        seen.set(name, [...(seen.get(name) ?? []), [...history]]);
        return [{ itemId: right ? itemIds[(Number(history.at(-1)!.slice(1)) + 1) % 7]! : 'none', score: 1 }];
      },
    });
    const result = await compareVersions(model('after', true), model('before', false), itemIds, split.comparison!);
    expect(result).toEqual({ afterNdcg10: 1, beforeNdcg10: 0, comparisonCases: 40 });
    expect(seen.get('after')).toEqual(seen.get('before'));
    expect(seen.get('after')).toEqual(split.comparison!.sequences.map((s) => Array.from(s.subarray(0, 2), (i) => itemIds[i]!)));
    expect(await compareVersions(model('after', true), undefined, itemIds, split.comparison!)).toEqual({ afterNdcg10: 1, comparisonCases: 40 });
  });
});

describe('fine-tune epochs: at most `epochs` validated, then the refit on top', () => {
  const run = async (epochs: number, patience: number) => {
    const training = { ...TRAINING_DEFAULTS, batchSize: 16, learningRate: 0.01, patience, validationUsers: 0, engine: 'typescript' as const };
    const refitEpochs = refitOnTop(training);
    const reports: TrainingProgress[] = [];
    const result = await trainIntentModel(
      {
        sequences: toySequences(64, 12),
        numItems: 12,
        text: null,
        model: { ...MODEL_DEFAULTS, dim: 8, blocks: 1, heads: 1, maxLen: 10, useText: false },
        // As the job asks the loop: its epochs plus the refit.
        training: { ...training, epochs: epochs + refitEpochs },
      },
      { onProgress: (p) => reports.push(p) },
    );
    const progress = reports.map((p) => jobProgress(p, { epochOffset: 0, epochs, refitEpochs }));
    return { result, reports, progress, refitEpochs };
  };

  it('runs every asked epoch validated and 3 refit epochs; the bar counts exactly those steps and ends full', async () => {
    const { result, reports, progress, refitEpochs } = await run(4, 100);
    expect(refitEpochs).toBe(3);
    expect(result.history).toHaveLength(4);
    expect(result.refit).toHaveLength(3);
    const stepsRun = reports.filter((p) => p.phase === 'step').length;
    const last = progress.at(-1)!;
    expect(last.total).toBe(stepsRun);
    expect(last.done).toBe(last.total);
    expect(progress.filter((p) => p.message === 'refit 2/3')).not.toHaveLength(0);
    expect(progress.find((p) => p.message === 'epoch 4/4')).toBeDefined();
    // Done never goes back.
    progress.forEach((p, i) => i === 0 || expect(p.done).toBeGreaterThanOrEqual(progress[i - 1]!.done));
  });

  it('an early-stopped run still ends with a full bar, after its refit', async () => {
    const { result, progress } = await run(30, 1);
    expect(result.history.length).toBeLessThan(30);
    expect(result.refit).toHaveLength(3);
    const last = progress.at(-1)!;
    expect(last.done).toBe(last.total);
    expect(last.message).toBe('refit 3/3');
  });
});

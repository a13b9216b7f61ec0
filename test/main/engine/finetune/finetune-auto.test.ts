import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../../../src/main/engine/engine';
import { catalogueAttributes, priceBand } from '../../../../src/main/engine/finetune/catalogue-attributes';
import { categoryNodes } from '../../../../src/main/engine/retrieval/category-path';
import { trainInWorker, type MemberIO } from '../../../../src/main/engine/training/loop/train-members';
import type { TrainRequest } from '../../../../src/main/engine/training/training-messages';
import { recommendFixture } from '../recommend/recommend-fixture';
import { popularityNdcgOnComparison } from './popularity-baseline';

const requests: TrainRequest[] = [];
/** The engine's default: a job with no `config` chooses its own (a small centre and budget so it takes seconds). */
const AUTO = {
  modelConfig: { dim: 16, blocks: 1, maxLen: 20 },
  trainingConfig: { batchSize: 32, validationUsers: 50, patience: 3 },
  autoBudgetSeconds: 45,
  train: (request: TrainRequest, io: MemberIO) => {
    requests.push(request);
    return trainInWorker(request, io);
  },
};

describe('fine-tune jobs choose their configuration (the default) and read the catalogue\'s brand, category and price', () => {
  let fx: Awaited<ReturnType<typeof recommendFixture>>;
  let engine: Engine;
  beforeAll(async () => {
    fx = await recommendFixture(300, 400, { fineTune: AUTO });
    engine = fx.engine;
  }, 120_000);
  afterAll(() => fx.env.cleanup());

  it('builds each item\'s attributes from its brand, every category node and a price band', () => {
    const db = new Database(join(fx.env.dir, 'instinct.db'), { readonly: true });
    try {
      const items = fx.catalog.slice(0, 50);
      const table = catalogueAttributes(db, items.map((i) => i.itemId))!;
      const names = new Map<number, string>();
      // Two items that share a brand share its attribute id; each item carries brand + category nodes + price band.
      items.forEach((item, i) => {
        const ids = Array.from(table.ids.subarray(table.offsets[i]!, table.offsets[i + 1]!));
        const expected = (item.brand ? 1 : 0) + categoryNodes(item.category).length + (item.price !== undefined && item.price !== null && item.price > 0 ? 1 : 0);
        expect(ids).toHaveLength(expected);
        if (item.brand) {
          const brandId = ids[0]!;
          const seen = names.get(brandId);
          if (seen !== undefined) expect(seen).toBe(item.brand.toLowerCase());
          names.set(brandId, item.brand.toLowerCase());
        }
      });
      expect(priceBand(16)).toBe(4);
      expect(priceBand(31.99)).toBe(4);
      expect(priceBand(32)).toBe(5);
    } finally {
      db.close();
    }
  });

  it('selects on the training shoppers\' last items, then trains and registers the choice; the result and the registry show it', async () => {
    const job = await engine.dispatcher.call('finetune.start', { epochs: 3 });
    const done = await engine.jobs.wait(job.jobId);
    expect(done.status).toBe('succeeded');
    expect(job.params).toMatchObject({ config: 'auto' });
    const result = done.result as { version: string; afterNdcg10: number; comparisonCases: number; members: number; selection: { spec: string; trials: { stage: string; epochs: number }[]; decisions: { refit: string; ensemble: string } } };
    expect(result.selection.spec).toMatch(/^intent:d=\d+,.*ensemble=[12]$/);
    expect(result.selection.trials.filter((t) => t.stage === 'rung 0').length).toBeGreaterThanOrEqual(2);
    // The job's 3 epochs bound every trial.
    expect(Math.max(...result.selection.trials.map((t) => t.epochs))).toBeLessThanOrEqual(3);
    expect(result.members).toBe(Number(/ensemble=(\d)/.exec(result.selection.spec)![1]));
    const [registered] = await engine.dispatcher.call('models.list', {});
    expect(registered!.config).toMatchObject({ selected: result.selection.spec, useAttributes: /attrs=1/.test(result.selection.spec), events: true });
    // Every training request, trials included, had the catalogue attributes and never a comparison shopper's
    // sequence: the selection's cases are the training shoppers' last items. (Broken variant: trials
    // trained on the whole sequences, i.e. on their own judging items, fail the prefix check below.)
    const training = requests.filter((r) => r.modelPath?.includes(result.version) === true);
    expect(training).toHaveLength(result.members);
    const trials = requests.filter((r) => !(r.modelPath?.includes(result.version) === true));
    expect(trials.length).toBeGreaterThanOrEqual(3);
    const finalSequences = training[0]!.sequences;
    for (const t of trials) {
      expect(t.attributes).not.toBeNull();
      expect(t.sequences).toHaveLength(finalSequences.length);
      // Each trial sequence is its training sequence without the last item (held out to judge the trial).
      t.sequences.forEach((s, k) => expect(Array.from(s)).toEqual(Array.from(finalSequences[k]!.subarray(0, finalSequences[k]!.length - 1))));
    }
    // Not a random model: above popularity on the comparison shoppers.
    const floor = popularityNdcgOnComparison(fx.env.dir, job.params as { sinceTs: number; untilSeq: number; textVersion: string | null });
    expect(result.afterNdcg10).toBeGreaterThan(floor.ndcg10);
  }, 240_000);
});

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ServingIntentModel } from '../../../../src/main/engine/finetune/serving-intent-model';
import { storeTrainingData } from '../../../../src/main/engine/finetune/store-training-data';
import { EventRepository, ItemVectorRepository } from '../../../../src/main/engine/store';
import { saveModel } from '../../../../src/main/engine/training/checkpoint/model-file';
import { eventTypeId, gapBucket, itemEventTokens } from '../../../../src/main/engine/training/data/session-events';
import { trainIntentModel } from '../../../../src/main/engine/training/loop/train-intent-model';
import { catalogueTable } from '../../../../src/main/engine/training/model/catalogue-table';
import { MODEL_DEFAULTS, TRAINING_DEFAULTS } from '../../../../src/main/engine/training/model/config';
import { scoreHistory } from '../../../../src/main/engine/training/model/intent-model';
import { tempDir } from '../../../helpers/temp-dir';
import { NOW, tempStore } from '../ranking/ranking-fixtures';
import { typeRuleData } from '../training/toy-events';

const ITEMS = Array.from({ length: 20 }, (_, i) => `I${String(i).padStart(2, '0')}`);
const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

describe('event types and time gaps from the store to the served model', () => {
  it('store sequences carry each token\'s type and gap, collapsed as the items are', () => {
    const store = tempStore(ITEMS.map((itemId) => ({ itemId, title: `Item ${itemId}` })));
    cleanups.push(store.cleanup);
    const s = 1000;
    new EventRepository(store.db).insertEvents(
      [
        { type: 'view', shopperId: 'A', itemId: 'I01', ts: NOW },
        { type: 'add_to_cart', shopperId: 'A', itemId: 'I01', ts: NOW + 40 * s },
        { type: 'search', shopperId: 'A', query: 'socks', ts: NOW + 41 * s },
        { type: 'remove_from_cart', shopperId: 'A', itemId: 'I01', ts: NOW + 42 * s },
        { type: 'click', shopperId: 'A', itemId: 'I02', ts: NOW + 50 * s },
        { type: 'purchase', shopperId: 'A', itemId: 'I03', ts: NOW + 2 * 3600 * s },
        { type: 'view', shopperId: 'B', itemId: 'I04', ts: NOW },
        { type: 'view', shopperId: 'B', itemId: 'I05', ts: NOW + 3 * s },
      ],
      { rejectWholeBatch: true, now: NOW },
    );
    const data = storeTrainingData(store.db, new ItemVectorRepository(store.db), null, { sinceTs: 0, untilSeq: 1e9 });
    expect(data.sequences.map((q) => Array.from(q, (i) => ITEMS[i]))).toEqual([['I01', 'I02', 'I03'], ['I04', 'I05']]);
    expect(data.shopperIds).toEqual(['A', 'B']);
    expect(data.tokenEvents.map((e) => Array.from(e.types))).toEqual([[eventTypeId('add_to_cart'), eventTypeId('click'), eventTypeId('purchase')], [eventTypeId('view'), eventTypeId('view')]]);
    expect(data.tokenEvents.map((e) => Array.from(e.gaps))).toEqual([[0, gapBucket(10), gapBucket(2 * 3600 - 50)], [0, gapBucket(3)]]);
  });

  it('the served model reads the live session\'s event types: the last type changes what comes next', async () => {
    const store = tempStore();
    cleanups.push(store.cleanup);
    const dir = tempDir('instinct-serving-events-');
    cleanups.push(dir.cleanup);
    // Learned rule: after a view of item i comes i + 1, after an add-to-cart i + 9 (toyEvents.ts).
    const data = typeRuleData(300, ITEMS.length);
    const config = { ...MODEL_DEFAULTS, dim: 16, blocks: 1, heads: 1, maxLen: 10, dropout: 0.1, useText: false, events: true };
    const result = await trainIntentModel({ sequences: data.sequences, events: data.events, numItems: ITEMS.length, text: null, model: config, training: { ...TRAINING_DEFAULTS, epochs: 20, batchSize: 32, learningRate: 0.01, patience: 100, validationUsers: 0, engine: 'typescript', refitEpochs: 0 } });
    const path = join(dir.dir, 'v1.model');
    saveModel(path, result.model);
    writeFileSync(join(dir.dir, 'v1.items.json'), JSON.stringify(ITEMS));
    const served = ServingIntentModel.load('v1', path, new ItemVectorRepository(store.db), null);
    expect(served.usesEvents).toBe(true);

    const session = (lastType: string) => [
      { type: 'view', itemId: 'I03', ts: NOW },
      { type: 'impression', itemId: 'I11', ts: NOW + 1000 },
      { type: 'view', itemId: 'I05', ts: NOW + 20_000 },
      { type: lastType, itemId: 'I05', ts: NOW + 30_000 },
    ];
    expect(served.candidatesForSession(session('view'), 3)[0]!.itemId).toBe('I06');
    expect(served.candidatesForSession(session('add_to_cart'), 3)[0]!.itemId).toBe('I14');
    // Exactly the training tokens: impression dropped, the repeat of I05 collapsed into its last type.
    const tokens = itemEventTokens([{ item: 3, type: 'view', ts: NOW }, { item: 5, type: 'add_to_cart', ts: NOW + 30_000 }]);
    const scores = scoreHistory({ params: result.model.params, config, text: null }, catalogueTable(result.model, null), tokens.items, new Float32Array(ITEMS.length), tokens.events);
    const best = scores.indexOf(Math.max(...scores));
    expect(ITEMS[best]).toBe('I14');
  }, 30_000);
});

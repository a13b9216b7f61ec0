import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ServingIntentModel } from '../../../../src/main/engine/finetune/serving-intent-model';
import { ItemVectorRepository, openDatabase } from '../../../../src/main/engine/store';
import { seededRandom } from '../../../../src/main/engine/datasets/seeded-random';
import { tempDir } from '../../../helpers/temp-dir';
import { writeRandomModel } from './random-intent-model';
import { watchTimerGaps } from '../../../helpers/timer-gaps';

const TEXT = 'test-encoder:int8';
const BIG_TEXT = 'test-encoder-128:int8';

/** Item ids and text vectors (every item but each 10th has one: those get zeros). */
function storeVectors(db: Database, itemIds: readonly string[], dim: number, modelVersion = TEXT): void {
  const random = seededRandom(5);
  const rows = itemIds.flatMap((itemId, i) => (i % 10 === 9 ? [] : [{ itemId, modelVersion, contentHash: 'h', vector: Float32Array.from({ length: dim }, () => random() - 0.5) }]));
  const repo = new ItemVectorRepository(db);
  for (let i = 0; i < rows.length; i += 5000) repo.put(rows.slice(i, i + 5000));
}

describe('loading an intent model to serve without stalling the thread', () => {
  const tmp = tempDir();
  let db: Database;
  let vectors: ItemVectorRepository;
  const small = Array.from({ length: 300 }, (_, i) => `item-${String(i).padStart(5, '0')}`);
  beforeAll(() => {
    db = openDatabase(join(tmp.dir, 'instinct.db'));
    vectors = new ItemVectorRepository(db);
    storeVectors(db, small, 24);
  });
  afterAll(() => {
    db.close();
    tmp.cleanup();
  });

  it('loads the same model as the one-piece load, bit for bit (text, ids and attributes; a 2-member ensemble)', async () => {
    const { path } = writeRandomModel(tmp.dir, 'v-parity', small, { textDim: 24, members: 2, attributeCount: 17, config: { useAttributes: true, events: true } });
    const one = ServingIntentModel.load('v-parity', path, vectors, TEXT);
    let report: { yields: number; ms: number } | undefined;
    // A tiny slice: the load yields many times, through every phase (file, text pages, table blocks).
    const sliced = await ServingIntentModel.loadAsync('v-parity', path, vectors, TEXT, { sliceMs: 0.01, onDone: (r) => (report = r) });
    expect(report!.yields).toBeGreaterThan(10);
    expect(sliced.memberCount).toBe(2);
    expect(sliced.usesEvents).toBe(one.usesEvents);
    for (const history of [[small[3]!], [small[10]!, small[200]!, small[42]!], [small[299]!, 'unknown', small[0]!]]) {
      const events = { types: Int32Array.from(history, (_, t) => t % 2), gaps: Int32Array.from(history, (_, t) => t % 3) };
      const scores = sliced.meanScores(history, events);
      expect(scores).not.toBeNull();
      expect(scores).toEqual(one.meanScores(history, events));
      const session = history.map((itemId, t) => ({ type: t === 1 ? 'add_to_cart' : 'view', itemId, ts: 1_700_000_000_000 + t * 60_000 }));
      expect(sliced.candidatesForSession(session, 10)).toEqual(one.candidatesForSession(session, 10));
    }
  });

  it('fails as the one-piece load does, naming the file: a corrupt model, a missing item list, a catalogue mismatch, no text vectors', async () => {
    const { path } = writeRandomModel(tmp.dir, 'v-corrupt', small, { textDim: 24 });
    const bytes = readFileSync(path);
    bytes[bytes.length - 100] = bytes[bytes.length - 100]! ^ 0xff;
    writeFileSync(path, bytes);
    await expect(ServingIntentModel.loadAsync('v-corrupt', path, vectors, TEXT)).rejects.toThrow(/v-corrupt\.model is unusable: checksum mismatch/);
    expect(() => ServingIntentModel.load('v-corrupt', path, vectors, TEXT)).toThrow(/checksum mismatch/);

    const { path: other } = writeRandomModel(tmp.dir, 'v-short', small, { textDim: 24 });
    writeFileSync(join(tmp.dir, 'v-short.items.json'), JSON.stringify(small.slice(1)));
    await expect(ServingIntentModel.loadAsync('v-short', other, vectors, TEXT)).rejects.toThrow(/v-short\.model: 299 item ids for a model of 300 items/);
    writeFileSync(join(tmp.dir, 'v-short.items.json'), '{"not": "a list"}');
    await expect(ServingIntentModel.loadAsync('v-short', other, vectors, TEXT)).rejects.toThrow(/v-short\.items\.json: expected an array of item ids/);

    await expect(ServingIntentModel.loadAsync('v-missing', join(tmp.dir, 'v-missing.members.json'), vectors, TEXT)).rejects.toThrow(/v-missing\.members\.json/);
    const { path: textless } = writeRandomModel(tmp.dir, 'v-text', small, { textDim: 24 });
    await expect(ServingIntentModel.loadAsync('v-text', textless, vectors, 'other-encoder:int8')).rejects.toThrow(/reads text vectors, and none are cached for other-encoder:int8/);
  });

  it('stops between slices when aborted', async () => {
    const { path } = writeRandomModel(tmp.dir, 'v-abort', small, { textDim: 24 });
    const stop = new AbortController();
    const loading = ServingIntentModel.loadAsync('v-abort', path, vectors, TEXT, { sliceMs: 0.01, signal: stop.signal });
    stop.abort(new Error('closing'));
    await expect(loading).rejects.toThrow('closing');
  });

  it('keeps a 1 ms timer firing while it loads a model that takes the thread for well over 100 ms in one piece', async () => {
    const itemIds = Array.from({ length: 30_000 }, (_, i) => `big-${String(i).padStart(6, '0')}`);
    storeVectors(db, itemIds, 128, BIG_TEXT);
    const { path } = writeRandomModel(tmp.dir, 'v-big', itemIds, { textDim: 128, config: { dim: 64 } });
    const t0 = performance.now();
    const one = ServingIntentModel.load('v-big', path, vectors, BIG_TEXT);
    const oneMs = performance.now() - t0;
    // The premise: in one piece this load stalls the thread for over 100 ms (a busy machine only makes it longer).
    expect(oneMs).toBeGreaterThan(100);

    const gaps = watchTimerGaps();
    const sliced = await ServingIntentModel.loadAsync('v-big', path, vectors, BIG_TEXT).finally(() => gaps.stop());
    const { ticks, longest: longestGap } = gaps.stop();
    // The timer kept firing through the load, and no gap came near the one-piece stall (8 ms slices; half of it leaves room for a loaded machine).
    expect(ticks).toBeGreaterThan(10);
    expect(longestGap).toBeLessThan(oneMs / 2);
    expect(sliced.candidates([itemIds[7]!, itemIds[900]!], 5)).toEqual(one.candidates([itemIds[7]!, itemIds[900]!], 5));
  }, 60_000);
});

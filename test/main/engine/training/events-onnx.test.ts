import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../../src/main/engine/datasets/seeded-random';
import { bestModel, loadCheckpoint } from '../../../../src/main/engine/training/checkpoint/checkpoint';
import { loadModel, saveModel } from '../../../../src/main/engine/training/checkpoint/model-file';
import { NUM_EVENT_TYPES, NUM_GAP_BUCKETS, type TokenEvents } from '../../../../src/main/engine/training/data/session-events';
import { trainIntentModel } from '../../../../src/main/engine/training/loop/train-intent-model';
import { catalogueTable } from '../../../../src/main/engine/training/model/catalogue-table';
import { MODEL_DEFAULTS, TRAINING_DEFAULTS, type IntentModelConfig } from '../../../../src/main/engine/training/model/config';
import { encodeHistory, scoreHistory } from '../../../../src/main/engine/training/model/intent-model';
import { exportIntentOnnx } from '../../../../src/main/engine/training/onnx/export-intent-onnx';
import { IntentOnnxSession } from '../../../../src/main/engine/training/onnx/intent-onnx-session';
import { decodeModelProto } from '../../../../src/main/engine/training/onnx/onnx-schema';
import { randomModel } from './toy-data';
import { typeRuleData } from './toy-events';

const NUM_ITEMS = 30;


function randomEvents(n: number, seed: number): TokenEvents {
  const r = seededRandom(seed);
  return { types: Int32Array.from({ length: n }, () => Math.floor(r() * NUM_EVENT_TYPES)), gaps: Int32Array.from({ length: n }, (_, t) => (t === 0 ? 0 : 1 + Math.floor(r() * (NUM_GAP_BUCKETS - 1)))) };
}

describe('ONNX export, checkpoints and model files with event embeddings', () => {
  it('the exported graph (inputs items, types, gaps) matches the TypeScript forward pass within 1e-4', async () => {
    const config: IntentModelConfig = { ...MODEL_DEFAULTS, dim: 8, blocks: 2, heads: 2, maxLen: 6, dropout: 0, events: true };
    const { model, text } = randomModel(config);
    const bytes = exportIntentOnnx(model, text);
    const proto = decodeModelProto(bytes) as { graph: { input: { name: string }[] } };
    expect(proto.graph.input.map((i) => i.name)).toEqual(['items', 'types', 'gaps']);
    const session = await IntentOnnxSession.create(bytes);
    const ctx = { params: model.params, config, text };
    const table = catalogueTable(model, text);
    for (const [k, history] of [Int32Array.of(3), Int32Array.of(1, 2, 3, 4), Int32Array.of(5, 9, 2, 7, 7, 1, 0, 29, 4), Int32Array.of(8, 8, 8)].entries()) {
      const events = randomEvents(history.length, 40 + k);
      const onnx = await session.run(history, events);
      const intent = encodeHistory(ctx, table, history, events);
      const scores = scoreHistory(ctx, table, history, new Float32Array(NUM_ITEMS), events);
      intent.forEach((v, i) => expect(Math.abs(v - onnx.intent[i]!)).toBeLessThan(1e-4));
      scores.forEach((v, i) => expect(Math.abs(v - onnx.scores[i]!)).toBeLessThan(1e-4));
    }
    await expect(session.run(Int32Array.of(1, 2))).rejects.toThrow(/event type and a gap bucket/);
    await session.dispose();
  });

  it('a run with events checkpoints, saves and reloads its event tables; the ONNX of the trained model agrees', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'intent-events-'));
    const data = typeRuleData(40, 20);
    const config: IntentModelConfig = { ...MODEL_DEFAULTS, dim: 8, blocks: 1, heads: 1, maxLen: 6, dropout: 0.1, useText: false, events: true };
    // One refit epoch too: it trains on the whole sequences, so their features must line up as well.
    const result = await trainIntentModel({ sequences: data.sequences, events: data.events, numItems: 20, text: null, model: config, training: { ...TRAINING_DEFAULTS, epochs: 3, batchSize: 16, validationUsers: 0, engine: 'typescript', refitEpochs: 1 }, checkpointPath: join(dir, 'run.ckpt') });
    const ckpt = loadCheckpoint(join(dir, 'run.ckpt'));
    expect(ckpt.model.config.events).toBe(true);
    const fromCkpt = bestModel(ckpt);
    for (const name of ['event.type', 'event.gap']) {
      expect(Array.from(fromCkpt.params.get(name).value)).toEqual(Array.from(result.model.params.get(name).value));
      expect(result.model.params.get(name).value.some((v) => v !== 0)).toBe(true);
    }
    saveModel(join(dir, 'm.model'), result.model);
    const loaded = loadModel(join(dir, 'm.model'));
    const history = data.sequences[0]!.subarray(0, 4);
    const events = { types: data.events[0]!.types.subarray(0, 4), gaps: data.events[0]!.gaps.subarray(0, 4) };
    const ctx = { params: loaded.params, config: loaded.config, text: null };
    const scores = scoreHistory(ctx, catalogueTable(loaded, null), history, new Float32Array(20), events);
    const session = await IntentOnnxSession.create(exportIntentOnnx(loaded, null));
    const onnx = await session.run(history, events);
    scores.forEach((v, i) => expect(Math.abs(v - onnx.scores[i]!)).toBeLessThan(1e-4));
    await session.dispose();
  });

  it('a model file from before event embeddings (no `events` in its config) still loads and scores without them', () => {
    const dir = mkdtempSync(join(tmpdir(), 'intent-legacy-'));
    const { events: _dropped, ...legacyConfig } = { ...MODEL_DEFAULTS, dim: 8, blocks: 1, heads: 1, maxLen: 6, dropout: 0 };
    const { model, text } = randomModel(legacyConfig);
    saveModel(join(dir, 'old.model'), model);
    const loaded = loadModel(join(dir, 'old.model'));
    expect('events' in loaded.config).toBe(false);
    expect(loaded.params.list.map((p) => p.name).some((n) => n.startsWith('event.'))).toBe(false);
    const history = Int32Array.of(1, 5, 7);
    const a = scoreHistory({ params: model.params, config: legacyConfig, text }, catalogueTable(model, text), history, new Float32Array(NUM_ITEMS));
    const b = scoreHistory({ params: loaded.params, config: loaded.config, text }, catalogueTable(loaded, text), history, new Float32Array(NUM_ITEMS));
    expect(Array.from(b)).toEqual(Array.from(a));
  });
});

import { describe, expect, it } from 'vitest';
import { MODEL_DEFAULTS } from '../../../../src/main/engine/training/model/config';
import { catalogueTable } from '../../../../src/main/engine/training/model/catalogue-table';
import { encodeHistory, scoreHistory } from '../../../../src/main/engine/training/model/intent-model';
import { exportIntentOnnx } from '../../../../src/main/engine/training/onnx/export-intent-onnx';
import { IntentOnnxSession } from '../../../../src/main/engine/training/onnx/intent-onnx-session';
import { decodeModelProto } from '../../../../src/main/engine/training/onnx/onnx-schema';
import { randomModel } from './toy-data';

const NUM_ITEMS = 30;


describe('ONNX export of the intent head', () => {
  for (const [label, config] of [
    ['2 blocks, 2 heads', { ...MODEL_DEFAULTS, dim: 8, blocks: 2, heads: 2, maxLen: 6, dropout: 0 }],
    ['1 block, 1 head, id-only, no repeat term', { ...MODEL_DEFAULTS, dim: 8, blocks: 1, heads: 1, maxLen: 6, dropout: 0, useText: false, repeatTerm: false }],
  ] as const) {
    it(`matches the TypeScript forward pass within 1e-4 (${label}), incl. histories longer than maxLen`, async () => {
      const { model, text } = randomModel(config);
      const bytes = exportIntentOnnx(model, config.useText ? text : null);
      const session = await IntentOnnxSession.create(bytes);
      const ctx = { params: model.params, config, text };
      const table = catalogueTable(model, config.useText ? text : null);
      for (const history of [Int32Array.of(3), Int32Array.of(1, 2, 3, 4), Int32Array.of(5, 9, 2, 7, 7, 1, 0, 29, 4), Int32Array.of(8, 8, 8)]) {
        const onnx = await session.run(history);
        const intent = encodeHistory(ctx, table, history);
        const scores = scoreHistory(ctx, table, history, new Float32Array(NUM_ITEMS));
        intent.forEach((v, i) => expect(Math.abs(v - onnx.intent[i]!)).toBeLessThan(1e-4));
        scores.forEach((v, i) => expect(Math.abs(v - onnx.scores[i]!)).toBeLessThan(1e-4));
      }
      await session.dispose();
    });
  }

  it('writes a ModelProto that reads back with its opset, inputs and outputs', () => {
    const { model, text } = randomModel({ ...MODEL_DEFAULTS, dim: 8, blocks: 1, heads: 1, maxLen: 4, dropout: 0 });
    const proto = decodeModelProto(exportIntentOnnx(model, text)) as { irVersion: number; opsetImport: { version: number }[]; graph: { input: { name: string }[]; output: { name: string }[] } };
    expect(proto.irVersion).toBe(9);
    expect(proto.opsetImport[0]!.version).toBe(20);
    expect(proto.graph.input.map((i) => i.name)).toEqual(['items']);
    expect(proto.graph.output.map((o) => o.name)).toEqual(['intent', 'scores']);
  });
});

import type { TrainedIntentModel } from '../checkpoint/checkpoint';
import { LAYER_NORM_EPS } from '../kernels/layer-norm';
import { transpose } from '../kernels/matmul';
import { catalogueTable } from '../model/catalogue-table';
import type { TextTable } from '../model/item-vectors';
import { GraphBuilder } from './graph-builder';
import { ONNX_ELEM } from './onnx-schema';
import { NUM_EVENT_TYPES, NUM_GAP_BUCKETS } from '../data/session-events';

export const INTENT_ONNX_OPSET = 20;

/**
 * Exports the trained intent head as ONNX: input `items` [1, L] int64 (dense item indices, oldest
 * first, L >= 1; only the last maxLen are read), outputs `intent` [1, d] and `scores` [1, N]
 * (intent . item vector + item bias for the whole catalogue, plus the learned repeat term for the
 * items in the window). The catalogue's item vectors
 * (frozen text projection + id embedding) are folded into one constant table, so serving needs
 * neither the text encoder nor the text vectors. A model with `events` has two more inputs,
 * `types` and `gaps` [1, L] int64, aligned with `items`: event-type ids and time-gap BUCKET ids
 * (bucketed by the caller with `gapBucket`, not in the graph: one TypeScript function for
 * training and serving); their embedding rows are added to each token beside its position.
 */
export function exportIntentOnnx(model: TrainedIntentModel, text: TextTable | null): Uint8Array {
  const { config, numItems: n } = model;
  const d = config.dim;
  const heads = config.heads;
  const dh = d / heads;
  const ff = d * config.ffMultiplier;
  const p = (name: string): Float32Array => model.params.get(name).value;
  const g = new GraphBuilder('intent_model');
  const table = g.floatTensor('item_table', [n, d], catalogueTable(model, text));
  const bias = g.floatTensor('item_bias', [n], p('item.bias'));
  const posTable = g.floatTensor('position', [config.maxLen, d], p('position'));
  const mask = new Float32Array(config.maxLen * config.maxLen);
  for (let i = 0; i < config.maxLen; i += 1) for (let j = i + 1; j < config.maxLen; j += 1) mask[i * config.maxLen + j] = -1e9;
  const maskTable = g.floatTensor('causal_mask', [config.maxLen, config.maxLen], mask);
  const i64 = (name: string, values: number[]): string => g.int64Tensor(name, [values.length], values);
  const zero = i64('c_zero', [0]);
  const one = i64('c_one', [1]);
  const axis0 = zero;

  const itemsIn = g.input('items', ONNX_ELEM.INT64, [1, 'L']);
  const negMaxLen = i64('c_neg_maxlen', [-config.maxLen]);
  const big = i64('c_big', [2 ** 53]);
  const recent = g.node('Slice', [itemsIn, negMaxLen, big, one]);
  const len = g.node('Slice', [g.node('Shape', [recent]), one, i64('c_two', [2])]);
  const flatShape = i64('c_flat', [-1]);
  const flat = g.node('Reshape', [recent, flatShape]);
  const positions = g.node('Slice', [posTable, zero, len, axis0]);
  let x = g.node('Add', [g.node('Gather', [table, flat], { axis: 0 }), positions]);
  if (config.events === true) {
    // Same window as the items: the last maxLen, then one table row per token.
    const rowsOf = (input: string, tableName: string, param: string, rows: number): string => {
      const ids = g.node('Reshape', [g.node('Slice', [g.input(input, ONNX_ELEM.INT64, [1, 'L']), negMaxLen, big, one]), flatShape]);
      return g.node('Gather', [g.floatTensor(tableName, [rows, d], p(param)), ids], { axis: 0 });
    };
    x = g.node('Add', [x, rowsOf('types', 'event_type', 'event.type', NUM_EVENT_TYPES)]);
    x = g.node('Add', [x, rowsOf('gaps', 'event_gap', 'event.gap', NUM_GAP_BUCKETS)]);
  }
  const lenLen = g.node('Concat', [len, len], { axis: 0 });
  const causal = g.node('Slice', [maskTable, i64('c_zero2', [0, 0]), lenLen, i64('c_axes01', [0, 1])]);
  const splitHeads = i64('c_split_heads', [-1, heads, dh]);
  const merge = i64('c_merge', [-1, d]);
  for (let b = 0; b < config.blocks; b += 1) {
    const w = (name: string): Float32Array => p(`block${b}.${name}`);
    const ln = (input: string, key: string): string =>
      g.node('LayerNormalization', [input, g.floatTensor(`b${b}_${key}_g`, [d], w(`${key}.g`)), g.floatTensor(`b${b}_${key}_b`, [d], w(`${key}.b`))], { axis: -1, epsilon: { float: LAYER_NORM_EPS } });
    const linear = (input: string, key: string, inDim: number, outDim: number): string =>
      g.node('Add', [g.node('MatMul', [input, g.floatTensor(`b${b}_${key}_wt`, [inDim, outDim], transpose(w(`${key}.w`), outDim, inDim))]), g.floatTensor(`b${b}_${key}_b`, [outDim], w(`${key}.b`))]);
    const qkv = linear(ln(x, 'ln1'), 'qkv', d, 3 * d);
    const part = (k: number): string => g.node('Slice', [qkv, i64(`b${b}_s${k}`, [k * d]), i64(`b${b}_e${k}`, [(k + 1) * d]), one]);
    const q = g.node('Transpose', [g.node('Reshape', [part(0), splitHeads])], { perm: [1, 0, 2] });
    const kT = g.node('Transpose', [g.node('Reshape', [part(1), splitHeads])], { perm: [1, 2, 0] });
    const v = g.node('Transpose', [g.node('Reshape', [part(2), splitHeads])], { perm: [1, 0, 2] });
    const scores = g.node('Add', [g.node('Mul', [g.node('MatMul', [q, kT]), g.floatTensor(`b${b}_scale`, [], [1 / Math.sqrt(dh)])]), causal]);
    const attended = g.node('MatMul', [g.node('Softmax', [scores], { axis: -1 }), v]);
    const merged = g.node('Reshape', [g.node('Transpose', [attended], { perm: [1, 0, 2] }), merge]);
    const x1 = g.node('Add', [x, linear(merged, 'out', d, d)]);
    const hidden = g.node('Gelu', [linear(ln(x1, 'ln2'), 'ff1', d, ff)], { approximate: 'tanh' });
    x = g.node('Add', [x1, linear(hidden, 'ff2', ff, d)]);
  }
  const last = g.node('Gather', [x, i64('c_last', [-1])], { axis: 0 });
  g.node('LayerNormalization', [last, g.floatTensor('final_g', [d], p('final.ln.g')), g.floatTensor('final_b', [d], p('final.ln.b'))], { axis: -1, epsilon: { float: LAYER_NORM_EPS } }, 'intent');
  if (config.repeatTerm) {
    // Learned repeat term: scores of the items in the read window get beta added (once each).
    const base = g.node('Gemm', ['intent', table, bias], { transB: 1 });
    const beta = g.floatTensor('repeat_beta', [1], p('repeat.beta'));
    const raised = g.node('Add', [g.node('GatherElements', [base, recent], { axis: 1 }), beta]);
    g.node('ScatterElements', [base, recent, raised], { axis: 1 }, 'scores');
  } else {
    g.node('Gemm', ['intent', table, bias], { transB: 1 }, 'scores');
  }
  g.output('intent', ONNX_ELEM.FLOAT, [1, d]);
  g.output('scores', ONNX_ELEM.FLOAT, [1, n]);
  return g.toBytes(INTENT_ONNX_OPSET, `Instinct intent model (SASRec-style, ${config.blocks} blocks, d=${d}, ${n} items)`);
}

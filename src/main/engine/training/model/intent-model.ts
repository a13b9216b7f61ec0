import { dropoutBackward, dropoutForward } from '../kernels/dropout';
import { gatherRows, scatterAddRows } from '../kernels/embedding';
import { layerNormBackward, layerNormForward } from '../kernels/layer-norm';
import { blockBackward, blockForward, blockInfer, type BlockCache, type BlockContext } from './block';
import type { LinearOps } from './linear-ops';
import type { IntentModelConfig } from './config';
import type { CatalogueOps } from './catalogue-ops';
import type { TextTable } from './item-vectors';
import type { ParameterSet } from './parameters';
import type { TokenEvents } from '../data/session-events';
import { addEventRows, eventRowsBackward, eventsIfUsed, windowEvents } from './event-embeddings';
import { addAttributeRows, addAttributeRowsOf, attributeRowsBackward, attributeRowsBackwardOf, type ItemAttributeTable } from './item-attributes';
import type { NegativeSampler } from '../loss/negative-sampler';
import { sampledSoftmaxLoss, sampledSoftmaxLossSparse } from '../loss/sampled-softmax';

/**
 * Filled by a sparse training step (`loss=sampled,sparse=1`): the distinct items (ascending) whose
 * `item.id` / `item.bias` rows may hold a gradient; every other row's gradient is zero. The lazy
 * Adam (optimizer/adam.ts) updates those rows only.
 */
export interface TouchedRows {
  items: Int32Array;
  /**
   * Called with the items whose rows the step is about to read (its inputs, then its candidates),
   * before it reads them: the lazy Adam's momentum catch-up (optimizer/lazy-item-rows.ts).
   */
  beforeRead?: (items: Int32Array) => void;
}

/**
 * One training batch, packed without padding: sequence s owns rows offsets[s]..offsets[s+1]-1;
 * each row's input item predicts its target item (dense catalogue indices).
 */
export interface PackedBatch {
  offsets: Int32Array;
  /** Index of each row's item within its sequence (0 = oldest kept item), the position embedding row. */
  positions: Int32Array;
  inputs: Int32Array;
  targets: Int32Array;
  /** Distinct (row, item) pairs of each row's history (for the repeat term), flattened. */
  historyPairs: Int32Array;
  /** Each row's event-type id and time-gap bucket (data/sessionEvents.ts); only for a model with `events`. */
  types?: Int32Array;
  gaps?: Int32Array;
}

export interface ModelContext {
  params: ParameterSet;
  config: IntentModelConfig;
  text: TextTable | null;
  /** Each item's attribute ids; required by a model with `useAttributes`, ignored otherwise. */
  attributes?: ItemAttributeTable | null;
}

/** The attribute table when the model reads attributes, null when it does not; throws when it is needed and missing. */
function attributesIfUsed(ctx: ModelContext): ItemAttributeTable | null {
  if (ctx.config.useAttributes !== true) return null;
  if (ctx.attributes === undefined || ctx.attributes === null) throw new Error('this intent model reads item attributes: pass the attribute table');
  return ctx.attributes;
}

function blockContext(ctx: ModelContext, index: number, offsets: Int32Array, random: () => number, linear: LinearOps): BlockContext {
  const { config } = ctx;
  const rows = offsets[offsets.length - 1]!;
  return { params: ctx.params, index, offsets, rows, dim: config.dim, heads: config.heads, ffDim: config.dim * config.ffMultiplier, dropout: config.dropout, random, linear };
}

function valueOrNull(params: ParameterSet, name: string, present: boolean): Float32Array | null {
  return present ? params.get(name).value : null;
}

/** The whole catalogue's item vectors from the current parameters. */
export async function catalogueVectors(ctx: ModelContext, ops: CatalogueOps): Promise<Float32Array> {
  const { params, config } = ctx;
  const items = await ops.itemVectors(valueOrNull(params, 'text.w', config.useText), valueOrNull(params, 'text.b', config.useText), valueOrNull(params, 'item.id', config.useIds));
  const attributes = attributesIfUsed(ctx);
  if (attributes !== null) addAttributeRows(params, attributes, items, config.dim);
  return items;
}

/**
 * Forward and backward over one batch with a full softmax over the catalogue, or a sampled one
 * when a `sampler` is given (its negatives drawn from `random` after the dropout masks);
 * gradients are accumulated into the parameters (the frozen text table gets none). Returns the
 * mean loss (a sampled softmax's: not comparable with a full one's).
 */
export async function trainStep(ctx: ModelContext, ops: CatalogueOps, linear: LinearOps, batch: PackedBatch, random: () => number, sampler: NegativeSampler | null = null, touched: TouchedRows | null = null): Promise<number> {
  const { params, config } = ctx;
  const d = config.dim;
  const rows = batch.inputs.length;
  if (touched !== null && sampler === null) throw new Error('a sparse training step needs the sampled softmax (a negative sampler)');
  // Sparse: only the inputs' vectors now, the candidates' after the forward pass (same random stream as dense).
  const items = touched === null ? await catalogueVectors(ctx, ops) : null;
  const position = params.get('position');
  touched?.beforeRead?.(batch.inputs);
  const x0 = items !== null ? gatherRows(items, batch.inputs, d) : await itemVectorsOf(ctx, batch.inputs, linear);
  const pos = gatherRows(position.value, batch.positions, d);
  for (let i = 0; i < x0.length; i += 1) x0[i] = x0[i]! + pos[i]!;
  const events = eventsIfUsed(config, batch.types !== undefined && batch.gaps !== undefined ? { types: batch.types, gaps: batch.gaps } : undefined, rows);
  if (events !== null) addEventRows(params, x0 as Float32Array, events, d);
  const drop = dropoutForward(x0, config.dropout, random);
  let x = drop.y as Float32Array;
  const caches: BlockCache[] = [];
  for (let b = 0; b < config.blocks; b += 1) {
    const out = await blockForward(x, blockContext(ctx, b, batch.offsets, random, linear));
    caches.push(out.cache);
    x = out.y;
  }
  const lnG = params.get('final.ln.g');
  const lnB = params.get('final.ln.b');
  const fin = layerNormForward(x, lnG.value, lnB.value, rows, d);
  const bias = params.get('item.bias');
  const beta = config.repeatTerm ? params.get('repeat.beta') : null;
  const repeat = beta !== null ? { pairs: batch.historyPairs, beta: beta.value[0]! } : null;
  if (items === null) {
    const sparse = await sampledSoftmaxLossSparse(sampler!, fin.y as Float32Array, rows, bias.value, batch.targets, repeat, d, random, (c) => {
      touched!.beforeRead?.(c);
      return itemVectorsOf(ctx, c, linear);
    }, ops);
    if (beta !== null) beta.grad[0] = beta.grad[0]! + sparse.loss.dBeta;
    const dx = await backwardToInputs(ctx, sparse.loss.dHidden, fin.cache, caches, drop.mask, batch, events, random, linear);
    await sparseItemBackward(ctx, sparse.items, sparse.loss.dItems, sparse.loss.dBias, batch.inputs, dx, linear, touched!);
    return sparse.loss.loss;
  }
  const loss =
    sampler !== null
      ? await sampledSoftmaxLoss(ops, sampler, fin.y as Float32Array, rows, items, bias.value, batch.targets, repeat, d, random)
      : await ops.softmaxLoss(fin.y as Float32Array, rows, items, bias.value, batch.targets, repeat);
  for (let i = 0; i < bias.grad.length; i += 1) bias.grad[i] = bias.grad[i]! + loss.dBias[i]!;
  if (beta !== null) beta.grad[0] = beta.grad[0]! + loss.dBeta;
  const dx = await backwardToInputs(ctx, loss.dHidden, fin.cache, caches, drop.mask, batch, events, random, linear);
  const dItems = loss.dItems;
  scatterAddRows(dItems, batch.inputs, dx, d);
  const attributes = attributesIfUsed(ctx);
  if (attributes !== null) attributeRowsBackward(params, attributes, dItems, d);
  if (config.useIds) {
    const g = params.get('item.id').grad;
    for (let i = 0; i < g.length; i += 1) g[i] = g[i]! + dItems[i]!;
  }
  if (config.useText) {
    const { dW, db } = await ops.projectionGrad(dItems);
    const w = params.get('text.w').grad;
    const bg = params.get('text.b').grad;
    for (let i = 0; i < w.length; i += 1) w[i] = w[i]! + dW[i]!;
    for (let i = 0; i < bg.length; i += 1) bg[i] = bg[i]! + db[i]!;
  }
  return loss.loss;
}

/** The backward pass from the final hidden rows to the input tokens (blocks, dropout, position and event rows); returns d(input item vectors). */
async function backwardToInputs(
  ctx: ModelContext,
  dHidden: Float32Array,
  finCache: ReturnType<typeof layerNormForward>['cache'],
  caches: BlockCache[],
  mask: ReturnType<typeof dropoutForward>['mask'],
  batch: PackedBatch,
  events: TokenEvents | null,
  random: () => number,
  linear: LinearOps,
): Promise<Float32Array> {
  const { params, config } = ctx;
  const d = config.dim;
  const rows = batch.inputs.length;
  const lnG = params.get('final.ln.g');
  let dx = layerNormBackward(dHidden, finCache, lnG.value, lnG.grad, params.get('final.ln.b').grad, rows, d) as Float32Array;
  for (let b = config.blocks - 1; b >= 0; b -= 1) dx = await blockBackward(dx, caches[b]!, blockContext(ctx, b, batch.offsets, random, linear));
  dx = dropoutBackward(dx, mask) as Float32Array;
  scatterAddRows(params.get('position').grad, batch.positions, dx, d);
  if (events !== null) eventRowsBackward(params, dx, events, d);
  return dx;
}

/**
 * The vectors of some items only ([items.length, d], rows in the order given, repeats allowed):
 * text projection + id embedding + the mean of the item's attribute rows, exactly what
 * `catalogueVectors` gives those items (the attribute and id parts bit for bit; the text part is
 * a GEMM of the gathered rows, equal up to float rounding).
 */
export async function itemVectorsOf(ctx: ModelContext, items: Int32Array, linear: LinearOps): Promise<Float32Array> {
  const { params, config } = ctx;
  const d = config.dim;
  let out: Float32Array;
  if (config.useText && ctx.text !== null) {
    const t = ctx.text;
    out = await linear.forward(gatherRows(t.vectors, items, t.dim) as Float32Array, params.get('text.w').value, params.get('text.b').value, items.length, t.dim, d);
  } else out = new Float32Array(items.length * d);
  if (config.useIds) {
    const ids = params.get('item.id').value;
    for (let r = 0; r < items.length; r += 1) {
      const src = items[r]! * d;
      const dst = r * d;
      for (let c = 0; c < d; c += 1) out[dst + c] = out[dst + c]! + ids[src + c]!;
    }
  }
  const attributes = attributesIfUsed(ctx);
  if (attributes !== null) addAttributeRowsOf(params, attributes, items, out, d);
  return out;
}

/**
 * The item-side backward of a sparse step: the candidates' gradients (`dCandidates` [k, d],
 * `dBias` [k] for the distinct `candidates`) and the input rows' (`dx` [rows, d] for `inputs`)
 * summed per distinct item in the order the dense path sums them (candidates first, then rows),
 * then passed on to the id rows, the item biases, the attribute rows and the text projection of
 * those items only. `touched.items` is set to the distinct items (ascending): the rows of
 * `item.id` and `item.bias` that may hold a gradient after this step.
 */
async function sparseItemBackward(ctx: ModelContext, candidates: Int32Array, dCandidates: Float32Array, dBias: Float32Array, inputs: Int32Array, dx: Float32Array, linear: LinearOps, touched: TouchedRows): Promise<void> {
  const { params, config } = ctx;
  const d = config.dim;
  const seen = new Set<number>(candidates);
  for (const i of inputs) seen.add(i);
  const union = Int32Array.from(seen).sort();
  const local = new Map<number, number>();
  union.forEach((item, k) => local.set(item, k));
  const dU = new Float32Array(union.length * d);
  const addRow = (item: number, src: Float32Array, r: number): void => {
    const dst = local.get(item)! * d;
    for (let c = 0; c < d; c += 1) dU[dst + c] = dU[dst + c]! + src[r * d + c]!;
  };
  candidates.forEach((item, k) => addRow(item, dCandidates, k));
  inputs.forEach((item, r) => addRow(item, dx, r));
  const bias = params.get('item.bias').grad;
  candidates.forEach((item, k) => (bias[item] = bias[item]! + dBias[k]!));
  const attributes = attributesIfUsed(ctx);
  if (attributes !== null) attributeRowsBackwardOf(params, attributes, union, dU, d);
  if (config.useIds) {
    const g = params.get('item.id').grad;
    union.forEach((item, k) => {
      for (let c = 0; c < d; c += 1) g[item * d + c] = g[item * d + c]! + dU[k * d + c]!;
    });
  }
  if (config.useText && ctx.text !== null) {
    const t = ctx.text;
    await linear.backward(dU, gatherRows(t.vectors, union, t.dim) as Float32Array, params.get('text.w').value, params.get('text.w').grad, params.get('text.b').grad, union.length, t.dim, d);
  }
  touched.items = union;
}

/**
 * The intent vector of one history (oldest first; only the last `maxLen` items are read), from
 * precomputed catalogue vectors: the inference path used by evaluation and checked against ONNX.
 * `events` (each history item's type and gap) is required by a model with `events` and ignored
 * by one without.
 */
export function encodeHistory(ctx: ModelContext, itemTable: Float32Array, history: Int32Array, events?: TokenEvents): Float32Array {
  const { params, config } = ctx;
  const d = config.dim;
  const seq = history.length > config.maxLen ? history.subarray(history.length - config.maxLen) : history;
  const n = seq.length;
  const seqEvents = windowEvents(config, events, history.length);
  if (n === 0) return new Float32Array(d);
  const x = gatherRows(itemTable, seq, d) as Float32Array;
  const pos = params.get('position').value;
  for (let t = 0; t < n; t += 1) {
    const p = t * d;
    for (let c = 0; c < d; c += 1) x[t * d + c] = x[t * d + c]! + pos[p + c]!;
  }
  if (seqEvents !== null) addEventRows(params, x, seqEvents, d);
  const offsets = Int32Array.of(0, n);
  let h: Float32Array = x;
  for (let b = 0; b < config.blocks; b += 1) h = blockInfer(h, { params, index: b, offsets, dim: d, heads: config.heads, ffDim: d * config.ffMultiplier });
  const last = h.slice((n - 1) * d, n * d);
  return layerNormForward(last, params.get('final.ln.g').value, params.get('final.ln.b').value, 1, d).y as Float32Array;
}

/**
 * scores[j] = intent . item_j + bias_j for the whole catalogue. Four items at a time (each intent
 * coordinate read once for four rows: about 2x the one-row loop at 100,000 items), each item's sum
 * in the same order as the one-row loop (bias first, then coordinates ascending), so the scores are
 * the same bit for bit.
 */
export function scoreItems(intent: Float32Array, itemTable: Float32Array, bias: Float32Array, out: Float32Array): Float32Array {
  const d = intent.length;
  const n = bias.length;
  let j = 0;
  for (; j + 4 <= n; j += 4) {
    const o0 = j * d;
    const o1 = o0 + d;
    const o2 = o1 + d;
    const o3 = o2 + d;
    let s0 = bias[j]!;
    let s1 = bias[j + 1]!;
    let s2 = bias[j + 2]!;
    let s3 = bias[j + 3]!;
    for (let c = 0; c < d; c += 1) {
      const x = intent[c]!;
      s0 += x * itemTable[o0 + c]!;
      s1 += x * itemTable[o1 + c]!;
      s2 += x * itemTable[o2 + c]!;
      s3 += x * itemTable[o3 + c]!;
    }
    out[j] = s0;
    out[j + 1] = s1;
    out[j + 2] = s2;
    out[j + 3] = s3;
  }
  for (; j < n; j += 1) {
    const o = j * d;
    let s = bias[j]!;
    for (let c = 0; c < d; c += 1) s += intent[c]! * itemTable[o + c]!;
    out[j] = s;
  }
  return out;
}

/** Adds the learned repeat term to the items of the history window the model reads (each once). */
export function applyRepeatTerm(ctx: ModelContext, history: Int32Array, scores: Float32Array): Float32Array {
  if (!ctx.config.repeatTerm) return scores;
  const beta = ctx.params.get('repeat.beta').value[0]!;
  const window = history.length > ctx.config.maxLen ? history.subarray(history.length - ctx.config.maxLen) : history;
  for (const item of new Set(window)) scores[item] = scores[item]! + beta;
  return scores;
}

/** Full serving score of one history: intent . item + bias (+ the repeat term); `events` as for `encodeHistory`. */
export function scoreHistory(ctx: ModelContext, itemTable: Float32Array, history: Int32Array, out: Float32Array, events?: TokenEvents): Float32Array {
  const bias = ctx.params.get('item.bias').value;
  return applyRepeatTerm(ctx, history, scoreItems(encodeHistory(ctx, itemTable, history, events), itemTable, bias, out));
}

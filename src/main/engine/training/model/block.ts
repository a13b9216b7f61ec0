import { attentionBackward, attentionForward, type AttentionCache } from '../kernels/attention';
import { dropoutBackward, dropoutForward } from '../kernels/dropout';
import { geluBackward, geluForward } from '../kernels/gelu';
import { layerNormBackward, layerNormForward, type LayerNormCache } from '../kernels/layer-norm';
import { linearForward } from '../kernels/matmul';
import type { LinearOps } from './linear-ops';
import type { ParameterSet } from './parameters';

/** Everything one pre-LN transformer block needs to run and to back-propagate over packed rows. */
export interface BlockContext {
  params: ParameterSet;
  index: number;
  offsets: Int32Array;
  rows: number;
  dim: number;
  heads: number;
  ffDim: number;
  dropout: number;
  random: () => number;
  linear: LinearOps;
}

export interface BlockCache {
  ln1: LayerNormCache;
  a1: Float32Array;
  qkv: Float32Array;
  attention: AttentionCache;
  attended: Float32Array;
  outMask: Float32Array | null;
  ln2: LayerNormCache;
  a2: Float32Array;
  f1: Float32Array;
  g: Float32Array;
  ffMask: Float32Array | null;
}

type BlockParams = Pick<BlockContext, 'params' | 'index'>;

function v(ctx: BlockParams, name: string): Float32Array {
  return ctx.params.get(`block${ctx.index}.${name}`).value;
}

function g(ctx: BlockParams, name: string): Float32Array {
  return ctx.params.get(`block${ctx.index}.${name}`).grad;
}

function addInto(target: Float32Array, other: Float32Array): Float32Array {
  for (let i = 0; i < target.length; i += 1) target[i] = target[i]! + other[i]!;
  return target;
}

/** x -> x + Drop(Attn(LN1 x)) -> + Drop(FF(LN2 .)); the training path (dense layers through ctx.linear). */
export async function blockForward(x: Float32Array, ctx: BlockContext): Promise<{ y: Float32Array; cache: BlockCache }> {
  const { rows, dim: d, ffDim, linear } = ctx;
  const shape = { offsets: ctx.offsets, dim: d, heads: ctx.heads };
  const ln1 = layerNormForward(x, v(ctx, 'ln1.g'), v(ctx, 'ln1.b'), rows, d);
  const a1 = ln1.y as Float32Array;
  const qkv = await linear.forward(a1, v(ctx, 'qkv.w'), v(ctx, 'qkv.b'), rows, d, 3 * d);
  const att = attentionForward(qkv, shape);
  const attended = att.y as Float32Array;
  const out = await linear.forward(attended, v(ctx, 'out.w'), v(ctx, 'out.b'), rows, d, d);
  const outDrop = dropoutForward(out, ctx.dropout, ctx.random);
  const x1 = addInto(Float32Array.from(outDrop.y), x);
  const ln2 = layerNormForward(x1, v(ctx, 'ln2.g'), v(ctx, 'ln2.b'), rows, d);
  const a2 = ln2.y as Float32Array;
  const f1 = await linear.forward(a2, v(ctx, 'ff1.w'), v(ctx, 'ff1.b'), rows, d, ffDim);
  const gl = geluForward(f1) as Float32Array;
  const f2 = await linear.forward(gl, v(ctx, 'ff2.w'), v(ctx, 'ff2.b'), rows, ffDim, d);
  const ffDrop = dropoutForward(f2, ctx.dropout, ctx.random);
  const y = addInto(Float32Array.from(ffDrop.y), x1);
  return {
    y,
    cache: { ln1: ln1.cache, a1, qkv, attention: att.cache, attended, outMask: outDrop.mask as Float32Array | null, ln2: ln2.cache, a2, f1, g: gl, ffMask: ffDrop.mask as Float32Array | null },
  };
}

/** Accumulates parameter gradients and returns dx. */
export async function blockBackward(dy: Float32Array, cache: BlockCache, ctx: BlockContext): Promise<Float32Array> {
  const { rows, dim: d, ffDim, linear } = ctx;
  const shape = { offsets: ctx.offsets, dim: d, heads: ctx.heads };
  const dF2 = dropoutBackward(dy, cache.ffMask) as Float32Array;
  const dG = await linear.backward(dF2, cache.g, v(ctx, 'ff2.w'), g(ctx, 'ff2.w'), g(ctx, 'ff2.b'), rows, ffDim, d);
  const dF1 = geluBackward(dG, cache.f1) as Float32Array;
  const dA2 = await linear.backward(dF1, cache.a2, v(ctx, 'ff1.w'), g(ctx, 'ff1.w'), g(ctx, 'ff1.b'), rows, d, ffDim);
  const dX1 = addInto(layerNormBackward(dA2, cache.ln2, v(ctx, 'ln2.g'), g(ctx, 'ln2.g'), g(ctx, 'ln2.b'), rows, d) as Float32Array, dy);
  const dOut = dropoutBackward(dX1, cache.outMask) as Float32Array;
  const dAtt = await linear.backward(dOut, cache.attended, v(ctx, 'out.w'), g(ctx, 'out.w'), g(ctx, 'out.b'), rows, d, d);
  const dQkv = attentionBackward(dAtt, cache.qkv, cache.attention, shape) as Float32Array;
  const dA1 = await linear.backward(dQkv, cache.a1, v(ctx, 'qkv.w'), g(ctx, 'qkv.w'), g(ctx, 'qkv.b'), rows, d, 3 * d);
  return addInto(layerNormBackward(dA1, cache.ln1, v(ctx, 'ln1.g'), g(ctx, 'ln1.g'), g(ctx, 'ln1.b'), rows, d) as Float32Array, dX1);
}

/**
 * The same block without dropout, caches or async calls: the serving path (evaluation scoring,
 * validation), written with the same kernels and checked against the training path and ONNX.
 */
export function blockInfer(x: Float32Array, ctx: BlockParams & { offsets: Int32Array; dim: number; heads: number; ffDim: number }): Float32Array {
  const rows = ctx.offsets[ctx.offsets.length - 1]!;
  const { dim: d, ffDim } = ctx;
  const a1 = layerNormForward(x, v(ctx, 'ln1.g'), v(ctx, 'ln1.b'), rows, d).y;
  const qkv = linearForward(a1, v(ctx, 'qkv.w'), v(ctx, 'qkv.b'), rows, d, 3 * d);
  const attended = attentionForward(qkv, { offsets: ctx.offsets, dim: d, heads: ctx.heads }).y;
  const x1 = addInto(linearForward(attended, v(ctx, 'out.w'), v(ctx, 'out.b'), rows, d, d) as Float32Array, x);
  const a2 = layerNormForward(x1, v(ctx, 'ln2.g'), v(ctx, 'ln2.b'), rows, d).y;
  const hidden = geluForward(linearForward(a2, v(ctx, 'ff1.w'), v(ctx, 'ff1.b'), rows, d, ffDim));
  return addInto(linearForward(hidden, v(ctx, 'ff2.w'), v(ctx, 'ff2.b'), rows, ffDim, d) as Float32Array, x1);
}

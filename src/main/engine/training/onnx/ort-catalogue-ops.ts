import * as ort from 'onnxruntime-node';
import type { CatalogueOps, RepeatTerm, SoftmaxLossGrads } from '../model/catalogue-ops';
import type { TextTable } from '../model/item-vectors';
import type { ExecutionProviderName } from '../../inference/execution-providers';
import { int64Tensor, openOrtGraphSession, zerosTensor } from '../../inference/ort-provider-session';
import type { ProviderPlan } from '../../inference/provider-resolver';
import { itemVectorsGraph, projectionGradGraph, softmaxLossGraph } from './catalogue-graphs';
import { trainingSessionOptions } from './training-session-options';

function floatOut(out: ort.InferenceSession.ReturnType, name: string): Float32Array {
  const t = out[name];
  if (t === undefined || !(t.data instanceof Float32Array)) throw new Error(`catalogue graph gave no float output ${name}`);
  return t.data;
}

/**
 * The catalogue-sized parts of a training step on ONNX Runtime (the resolver's provider; on CPU, SIMD matmuls): 25x faster
 * than the TypeScript kernels for Beauty's 12,101-item softmax (docs/INTENT_MODEL.md).
 */
export async function ortCatalogueOps(
  text: TextTable | null,
  numItems: number,
  dim: number,
  threads = 1,
  providers?: readonly ExecutionProviderName[] | ProviderPlan,
): Promise<CatalogueOps> {
  const options = trainingSessionOptions(threads);
  const plan = providers !== undefined ? { plan: providers } : {};
  // The full-softmax graph, opened on the first full-softmax step (a sampled run never opens it: its warm-up
  // alone left catalogue-sized blocks in the session's arena). Warm-up at the real catalogue size with zeros
  // (one row, one (0, 0) repeat pair, beta 0).
  let fullLoss: Promise<ort.InferenceSession> | null = null;
  const fullSession = (): Promise<ort.InferenceSession> =>
    (fullLoss ??= openOrtGraphSession({
      session: 'training:softmax-loss',
      model: softmaxLossGraph(),
      options,
      warmUpFeeds: () => ({
        hidden: zerosTensor([1, dim]),
        items: zerosTensor([numItems, dim]),
        offset: zerosTensor([numItems]),
        targets: int64Tensor([0], [1]),
        invRows: new ort.Tensor('float32', Float32Array.of(1), [1]),
        pairs: int64Tensor([0, 0], [1, 2]),
        pairOnes: new ort.Tensor('float32', Float32Array.of(1), [1]),
        beta: zerosTensor([1]),
      }),
      ...plan,
    }).then((s) => s.session));
  const vectors =
    text !== null
      ? (
          await openOrtGraphSession({
            session: 'training:item-vectors',
            model: itemVectorsGraph(text, numItems),
            options,
            warmUpFeeds: () => ({ w: zerosTensor([dim, text.dim]), b: zerosTensor([dim]), ids: zerosTensor([numItems, dim]) }),
            ...plan,
          })
        ).session
      : null;
  const projection =
    text !== null
      ? (
          await openOrtGraphSession({
            session: 'training:projection-grad',
            model: projectionGradGraph(text, numItems),
            options,
            warmUpFeeds: () => ({ dItems: zerosTensor([numItems, dim]) }),
            ...plan,
          })
        ).session
      : null;
  // A catalogue of zero id vectors, made on first use: only a text-only model reads it (25.6 MB at 100,000 items, d = 64, held by every member before).
  let zeros: Float32Array | null = null;
  const zeroIds = (): Float32Array => (zeros ??= new Float32Array(numItems * dim));
  // The sampled-softmax graph, opened on the first sampled step (a full-softmax run never opens it).
  let sampledLoss: Promise<ort.InferenceSession> | null = null;
  const sampledSession = (): Promise<ort.InferenceSession> =>
    (sampledLoss ??= openOrtGraphSession({
      session: 'training:sampled-softmax-loss',
      model: softmaxLossGraph(true),
      options,
      warmUpFeeds: () => ({ ...lossFeeds(new Float32Array(dim), 1, 1, new Float32Array(dim), new Float32Array(1), Int32Array.of(0), null), negativeOffset: zerosTensor([1]) }),
      ...plan,
    }).then((s) => s.session));
  const lossFeeds = (hidden: Float32Array, rows: number, count: number, items: Float32Array, bias: Float32Array, targets: Int32Array, repeat: RepeatTerm | null): Record<string, ort.Tensor> => {
    // Without a repeat term one (0, 0) pair with beta 0 keeps the graph's shapes valid.
    const pairs = repeat !== null && repeat.pairs.length > 0 ? repeat.pairs : Int32Array.of(0, 0);
    const k = pairs.length / 2;
    return {
      hidden: new ort.Tensor('float32', hidden, [rows, dim]),
      items: new ort.Tensor('float32', items, [count, dim]),
      offset: new ort.Tensor('float32', bias, [count]),
      targets: new ort.Tensor('int64', BigInt64Array.from(targets, (t) => BigInt(t)), [rows]),
      invRows: new ort.Tensor('float32', Float32Array.of(1 / rows), [1]),
      pairs: new ort.Tensor('int64', BigInt64Array.from(pairs, (v) => BigInt(v)), [k, 2]),
      pairOnes: new ort.Tensor('float32', new Float32Array(k).fill(1), [k]),
      beta: new ort.Tensor('float32', Float32Array.of(repeat !== null && repeat.pairs.length > 0 ? repeat.beta : 0), [1]),
    };
  };
  const grads = (out: ort.InferenceSession.ReturnType, repeat: RepeatTerm | null): SoftmaxLossGrads => ({
    loss: floatOut(out, 'loss')[0]!,
    dHidden: floatOut(out, 'dHidden'),
    dItems: floatOut(out, 'dItems'),
    dBias: floatOut(out, 'dOffset'),
    dBeta: repeat !== null && repeat.pairs.length > 0 ? floatOut(out, 'dBeta')[0]! : 0,
  });
  return {
    engine: 'onnxruntime',
    async itemVectors(w, b, ids) {
      if (vectors === null || w === null || b === null) return ids !== null ? ids.slice() : new Float32Array(numItems * dim);
      const out = await vectors.run({
        w: new ort.Tensor('float32', w, [dim, w.length / dim]),
        b: new ort.Tensor('float32', b, [dim]),
        ids: new ort.Tensor('float32', ids ?? zeroIds(), [numItems, dim]),
      });
      return floatOut(out, 'items');
    },
    async softmaxLoss(hidden, rows, items, bias, targets, repeat) {
      return grads(await (await fullSession()).run(lossFeeds(hidden, rows, numItems, items, bias, targets, repeat)), repeat);
    },
    async sampledSoftmaxLoss(hidden, rows, candidates, targets, repeat) {
      const feeds = lossFeeds(hidden, rows, candidates.count, candidates.vectors, candidates.bias, targets, repeat);
      feeds.negativeOffset = new ort.Tensor('float32', candidates.negativeOffset, [candidates.count]);
      return grads(await (await sampledSession()).run(feeds), repeat);
    },
    async projectionGrad(dItems) {
      if (projection === null) throw new Error('projectionGrad needs text vectors');
      const out = await projection.run({ dItems: new ort.Tensor('float32', dItems, [numItems, dim]) });
      return { dW: floatOut(out, 'dW'), db: floatOut(out, 'db') };
    },
    async dispose() {
      await Promise.all([fullLoss?.then((s) => s.release()), vectors?.release(), projection?.release(), sampledLoss?.then((s) => s.release())]);
    },
  };
}

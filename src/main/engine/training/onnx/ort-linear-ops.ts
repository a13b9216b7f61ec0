import * as ort from 'onnxruntime-node';
import type { LinearOps } from '../model/linear-ops';
import type { ExecutionProviderName } from '../../inference/execution-providers';
import { openOrtGraphSession, zerosTensor } from '../../inference/ort-provider-session';
import type { ProviderPlan } from '../../inference/provider-resolver';
import { GraphBuilder } from './graph-builder';
import { ONNX_ELEM } from './onnx-schema';
import { trainingSessionOptions } from './training-session-options';

function linearForwardGraph(): Uint8Array {
  const g = new GraphBuilder('linear_forward');
  const x = g.input('x', ONNX_ELEM.FLOAT, ['rows', 'in']);
  const w = g.input('w', ONNX_ELEM.FLOAT, ['out', 'in']);
  const b = g.input('b', ONNX_ELEM.FLOAT, ['out']);
  g.node('Gemm', [x, w, b], { transB: 1 }, 'y');
  g.output('y', ONNX_ELEM.FLOAT, ['rows', 'out']);
  return g.toBytes(18, 'Instinct intent model: dense layer (training helper)');
}

function linearBackwardGraph(): Uint8Array {
  const g = new GraphBuilder('linear_backward');
  const dy = g.input('dy', ONNX_ELEM.FLOAT, ['rows', 'out']);
  const x = g.input('x', ONNX_ELEM.FLOAT, ['rows', 'in']);
  const w = g.input('w', ONNX_ELEM.FLOAT, ['out', 'in']);
  g.node('MatMul', [dy, w], {}, 'dx');
  g.node('Gemm', [dy, x], { transA: 1 }, 'dw');
  g.node('ReduceSum', [dy, g.int64Tensor('axis0', [1], [0])], { keepdims: 0 }, 'db');
  g.output('dx', ONNX_ELEM.FLOAT, ['rows', 'in']);
  g.output('dw', ONNX_ELEM.FLOAT, ['out', 'in']);
  g.output('db', ONNX_ELEM.FLOAT, ['out']);
  return g.toBytes(18, 'Instinct intent model: dense layer gradients (training helper)');
}

function data(out: ort.InferenceSession.ReturnType, name: string): Float32Array {
  const t = out[name]?.data;
  if (!(t instanceof Float32Array)) throw new Error(`dense layer graph gave no float output ${name}`);
  return t;
}

/** Dense layers on ONNX Runtime: ~5x the TypeScript kernels for the blocks' GEMMs on this machine. */
export async function ortLinearOps(threads = 1, providers?: readonly ExecutionProviderName[] | ProviderPlan): Promise<LinearOps> {
  const options = trainingSessionOptions(threads);
  const plan = providers !== undefined ? { plan: providers } : {};
  const one = (): ort.Tensor => zerosTensor([1, 1]);
  const fwd = (await openOrtGraphSession({ session: 'training:linear-forward', model: linearForwardGraph(), options, warmUpFeeds: () => ({ x: one(), w: one(), b: zerosTensor([1]) }), ...plan })).session;
  const bwd = (await openOrtGraphSession({ session: 'training:linear-backward', model: linearBackwardGraph(), options, warmUpFeeds: () => ({ dy: one(), x: one(), w: one() }), ...plan })).session;
  return {
    async forward(x, w, b, rows, inDim, outDim) {
      const out = await fwd.run({ x: new ort.Tensor('float32', x, [rows, inDim]), w: new ort.Tensor('float32', w, [outDim, inDim]), b: new ort.Tensor('float32', b, [outDim]) });
      return data(out, 'y');
    },
    async backward(dy, x, w, dw, db, rows, inDim, outDim) {
      const out = await bwd.run({ dy: new ort.Tensor('float32', dy, [rows, outDim]), x: new ort.Tensor('float32', x, [rows, inDim]), w: new ort.Tensor('float32', w, [outDim, inDim]) });
      const gw = data(out, 'dw');
      const gb = data(out, 'db');
      for (let i = 0; i < dw.length; i += 1) dw[i] = dw[i]! + gw[i]!;
      for (let i = 0; i < db.length; i += 1) db[i] = db[i]! + gb[i]!;
      return data(out, 'dx');
    },
    async dispose() {
      await Promise.all([fwd.release(), bwd.release()]);
    },
  };
}

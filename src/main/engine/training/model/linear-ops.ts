import { linearBackward, linearForward } from '../kernels/matmul';

/**
 * The transformer blocks' dense layers (y = x W^T + b and its gradients), behind one interface so
 * training can run them on ONNX Runtime's SIMD GEMM while tests and tiny models use the
 * TypeScript kernels. Shapes: x [rows, in], W [out, in], b [out].
 */
export interface LinearOps {
  forward(x: Float32Array, w: Float32Array, b: Float32Array, rows: number, inDim: number, outDim: number): Promise<Float32Array>;
  /** Accumulates into dw / db; returns dx. */
  backward(dy: Float32Array, x: Float32Array, w: Float32Array, dw: Float32Array, db: Float32Array, rows: number, inDim: number, outDim: number): Promise<Float32Array>;
  dispose(): Promise<void>;
}

export const typescriptLinearOps: LinearOps = {
  async forward(x, w, b, rows, inDim, outDim) {
    return linearForward(x, w, b, rows, inDim, outDim) as Float32Array;
  },
  async backward(dy, x, w, dw, db, rows, inDim, outDim) {
    return linearBackward(dy, x, w, dw, db, rows, inDim, outDim) as Float32Array;
  },
  async dispose() {},
};

import { zerosLike, type Vec } from './vec';

const C = Math.sqrt(2 / Math.PI);
const A = 0.044715;

/** GELU, tanh approximation (the same formula as ONNX Gelu with approximate="tanh"). */
export function geluForward(x: Vec): Vec {
  const y = zerosLike(x, x.length);
  for (let i = 0; i < x.length; i += 1) {
    const v = x[i]!;
    y[i] = 0.5 * v * (1 + Math.tanh(C * (v + A * v * v * v)));
  }
  return y;
}

export function geluBackward(dy: Vec, x: Vec): Vec {
  const dx = zerosLike(x, x.length);
  for (let i = 0; i < x.length; i += 1) {
    const v = x[i]!;
    const t = Math.tanh(C * (v + A * v * v * v));
    const dt = (1 - t * t) * C * (1 + 3 * A * v * v);
    dx[i] = dy[i]! * (0.5 * (1 + t) + 0.5 * v * dt);
  }
  return dx;
}

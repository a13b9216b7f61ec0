export function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

export interface LogisticParams {
  readonly weights: number[];
  readonly bias: number;
}

export interface LogisticTraining {
  /** L2 penalty on the weights (not the bias), per example. */
  readonly l2?: number;
  readonly learningRate?: number;
  readonly iterations?: number;
}

export function logit(params: LogisticParams, x: readonly number[]): number {
  let z = params.bias;
  for (let j = 0; j < params.weights.length; j++) z += (params.weights[j] as number) * (x[j] as number);
  return z;
}

/**
 * Logistic regression by plain full-batch gradient descent on the mean log-loss plus
 * l2/2 x |w|^2. Expects standardised inputs, for which a learning rate near 0.5 converges.
 */
export function trainLogistic(xs: readonly (readonly number[])[], ys: readonly number[], options: LogisticTraining = {}): LogisticParams {
  const l2 = options.l2 ?? 1e-3;
  const lr = options.learningRate ?? 0.5;
  const iterations = options.iterations ?? 1500;
  const n = xs.length;
  if (n === 0) throw new Error('cannot train on no examples');
  const d = (xs[0] as readonly number[]).length;
  const w = new Array<number>(d).fill(0);
  const positives = ys.reduce((a, b) => a + b, 0);
  // Start at the base rate so early steps are spent on the features, not the intercept.
  let b = Math.log((positives + 0.5) / (n - positives + 0.5));
  const grad = new Array<number>(d);
  for (let it = 0; it < iterations; it++) {
    grad.fill(0);
    let gb = 0;
    for (let i = 0; i < n; i++) {
      const x = xs[i] as readonly number[];
      const err = sigmoid(logit({ weights: w, bias: b }, x)) - (ys[i] as number);
      gb += err;
      for (let j = 0; j < d; j++) grad[j] = (grad[j] as number) + err * (x[j] as number);
    }
    for (let j = 0; j < d; j++) w[j] = (w[j] as number) - lr * ((grad[j] as number) / n + l2 * (w[j] as number));
    b -= (lr * gb) / n;
  }
  return { weights: w, bias: b };
}

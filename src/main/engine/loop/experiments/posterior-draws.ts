/** Draws from the distributions the bandit's posteriors use, from a seeded uniform source. */
export type Uniform = () => number;

/** Standard normal draws by Box–Muller, using both numbers of each pair. */
export function normalSource(random: Uniform): () => number {
  let spare: number | undefined;
  return () => {
    if (spare !== undefined) {
      const s = spare;
      spare = undefined;
      return s;
    }
    let u = random();
    while (u <= 0) u = random();
    const radius = Math.sqrt(-2 * Math.log(u));
    const angle = 2 * Math.PI * random();
    spare = radius * Math.sin(angle);
    return radius * Math.cos(angle);
  };
}

/** Gamma(shape, 1) by Marsaglia & Tsang (2000); shapes below 1 through Gamma(shape + 1) · U^(1/shape). */
export function gammaDraw(shape: number, random: Uniform, normal: () => number): number {
  if (shape < 1) {
    let u = random();
    while (u <= 0) u = random();
    return gammaDraw(shape + 1, random, normal) * Math.pow(u, 1 / shape);
  }
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = normal();
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = random();
    if (u < 1 - 0.0331 * x * x * x * x) return d * v;
    if (u > 0 && Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}

/** Above this many successes and failures a Beta is drawn from its normal approximation (skew below ~0.3). */
export const BETA_NORMAL_ABOVE = 50;

/**
 * Beta(a, b): exactly, as X / (X + Y) with X ~ Gamma(a), Y ~ Gamma(b), while a or b is small;
 * from the normal with the same mean and variance once both are large, which is several times
 * cheaper and, for comparing arms, indistinguishable.
 */
export function betaDraw(a: number, b: number, random: Uniform, normal: () => number): number {
  if (a > BETA_NORMAL_ABOVE && b > BETA_NORMAL_ABOVE) {
    const n = a + b;
    const mean = a / n;
    return mean + Math.sqrt((mean * (1 - mean)) / (n + 1)) * normal();
  }
  const x = gammaDraw(a, random, normal);
  const y = gammaDraw(b, random, normal);
  return x / (x + y);
}

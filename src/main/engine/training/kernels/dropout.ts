import { zerosLike, type Vec } from './vec';

/**
 * Inverted dropout: kept values are scaled by 1/(1-rate) so inference needs no change. Returns the
 * mask (0 or the scale per element) for the backward pass; rate 0 returns the input untouched.
 */
export function dropoutForward(x: Vec, rate: number, random: () => number): { y: Vec; mask: Vec | null } {
  if (rate <= 0) return { y: x, mask: null };
  const scale = 1 / (1 - rate);
  const mask = zerosLike(x, x.length);
  const y = zerosLike(x, x.length);
  for (let i = 0; i < x.length; i += 1) {
    const m = random() < rate ? 0 : scale;
    mask[i] = m;
    y[i] = x[i]! * m;
  }
  return { y, mask };
}

export function dropoutBackward(dy: Vec, mask: Vec | null): Vec {
  if (mask === null) return dy;
  const dx = zerosLike(dy, dy.length);
  for (let i = 0; i < dy.length; i += 1) dx[i] = dy[i]! * mask[i]!;
  return dx;
}

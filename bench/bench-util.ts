import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { percentileInterval } from '../src/main/engine/eval/metrics/bootstrap';

export const round = (x: number, d = 3): number => Math.round(x * 10 ** d) / 10 ** d;

export function percentile(times: readonly number[], p: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;
}

/** A deterministic random source for bench workloads. */
export function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

export function scratchDir(prefix: string): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** `--name N` from a bench's arguments, or the fallback when absent or not a number. */
export function numberArg(args: readonly string[], name: string, fallback: number): number {
  const i = args.indexOf(`--${name}`);
  const v = i >= 0 ? Number(args[i + 1]) : NaN;
  return Number.isFinite(v) ? v : fallback;
}

/**
 * A 95 % percentile-bootstrap interval of median(peer) / median(ours) (the lower median of an even count): each side's epochs resampled
 * with replacement (2,000 times, fixed seed), so the ratio's spread comes from both sides' epochs.
 */
export function ratioInterval(peer: readonly number[], ours: readonly number[], resamples = 2000): [number, number] {
  if (peer.length === 0 || ours.length === 0) throw new Error('ratioInterval needs at least one run on each side');
  const random = seeded(18);
  const draw = (xs: readonly number[]): number => median(Array.from(xs, () => xs[Math.floor(random() * xs.length)]!));
  const ratios = new Float64Array(resamples);
  for (let b = 0; b < resamples; b++) ratios[b] = draw(peer) / draw(ours);
  return percentileInterval(ratios, 0.95);
}

/** The middle run (the lower of the two middle ones for an even count). */
export function median(xs: readonly number[]): number {
  return [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!;
}

/**
 * A 95 % percentile-bootstrap interval of `percentile(times, p)`: the times resampled with
 * replacement (1,000 times, fixed seed). For a p99 of a few thousand requests it says how far the
 * figure could move on another run of the same requests.
 */
export function percentileInterval95(times: readonly number[], p: number, resamples = 1000): [number, number] {
  if (times.length === 0) throw new Error('percentileInterval95 needs at least one time');
  const random = seeded(99);
  const values = new Float64Array(resamples);
  const draw = new Array<number>(times.length);
  for (let b = 0; b < resamples; b++) {
    for (let i = 0; i < times.length; i++) draw[i] = times[Math.floor(random() * times.length)]!;
    values[b] = percentile(draw, p);
  }
  return percentileInterval(values, 0.95);
}

/**
 * A 95 % bootstrap interval of sum(a) / sum(b) over paired measurements (a[i] and b[i] timed side by
 * side, e.g. the same batch sent to two engines): the pairs resampled with replacement (2,000
 * times, fixed seed), so a pause that hit one batch moves the ratio only as often as it recurs.
 */
export function pairedRatioInterval95(a: readonly number[], b: readonly number[], resamples = 2000): [number, number] {
  if (a.length === 0 || a.length !== b.length) throw new Error('pairedRatioInterval95 needs the same number (at least one) of measurements on each side');
  const random = seeded(11);
  const ratios = new Float64Array(resamples);
  for (let r = 0; r < resamples; r++) {
    let sa = 0;
    let sb = 0;
    for (let k = 0; k < a.length; k++) {
      const i = Math.floor(random() * a.length);
      sa += a[i]!;
      sb += b[i]!;
    }
    ratios[r] = sa / sb;
  }
  return percentileInterval(ratios, 0.95);
}

/** Student's t, 97.5th percentile, for 1..30 degrees of freedom. */
const T_975 = [12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131, 2.12, 2.11, 2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042];

/**
 * A 95 % t-interval of the mean of a few independent runs' figures: mean +- t * sd / sqrt(n)
 * (the normal 1.96 beyond 30 degrees of freedom).
 */
export function meanInterval95(xs: readonly number[]): [number, number] {
  if (xs.length < 2) throw new Error('meanInterval95 needs at least two runs');
  const n = xs.length;
  const mean = xs.reduce((s, x) => s + x, 0) / n;
  const sd = Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1));
  const half = (T_975[n - 2] ?? 1.96) * (sd / Math.sqrt(n));
  return [mean - half, mean + half];
}

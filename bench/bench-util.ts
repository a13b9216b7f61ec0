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

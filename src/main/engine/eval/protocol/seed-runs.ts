/**
 * Seed variance: `--seeds N` runs a configuration N times with different training seeds and
 * reports the mean, the sample standard deviation and each run. For the intent model run r uses
 * seed `seed + r · ensemble` (a 2-member ensemble with seed 7 trains seeds 7 and 8, the next run
 * 9 and 10), so no two runs share a member. The baselines have no training randomness: their runs
 * are identical and their standard deviation is 0.
 */
export function seedOfRun(baseSeed: number, run: number, ensemble: number): number {
  return baseSeed + run * Math.max(1, ensemble);
}

/** The spec with its `seed` (and nothing else) set; specs of models without a seed come back unchanged. */
export function withSeed(spec: string, seed: number): string {
  if (!/^intent(blend)?(:|$)/.test(spec)) return spec;
  const [name, params = ''] = spec.split(':', 2) as [string, string?];
  const kept = params.split(',').filter((p) => p.trim() !== '' && !p.trim().startsWith('seed='));
  return `${name}:${[...kept, `seed=${seed}`].join(',')}`;
}

/** `seed` and `ensemble` of an intent spec (defaults when absent), for the seed plan. */
export function seedPlanOf(spec: string, defaults: { seed: number; ensemble: number }): { seed: number; ensemble: number } {
  const params = new Map((spec.split(':', 2)[1] ?? '').split(',').map((p) => p.split('=', 2) as [string, string?]).map(([k, v]) => [k.trim(), v?.trim()] as const));
  const num = (key: string, fallback: number): number => {
    const v = params.get(key);
    return v === undefined || v === '' ? fallback : Number(v);
  };
  return { seed: num('seed', defaults.seed), ensemble: /^intent:/.test(spec) ? num('ensemble', defaults.ensemble) : 1 };
}

export interface SeedSummary {
  mean: number;
  sd: number;
  runs: number[];
}

/** Mean, sample standard deviation (n − 1; 0 for one run) and the runs, per metric. */
export function summariseSeeds(runs: readonly Record<string, number>[]): Record<string, SeedSummary> {
  const names = Object.keys(runs[0] ?? {});
  const out: Record<string, SeedSummary> = {};
  for (const name of names) {
    const values = runs.map((r) => r[name] ?? Number.NaN);
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    const ss = values.reduce((a, v) => a + (v - mean) ** 2, 0);
    const sd = values.length > 1 ? Math.sqrt(ss / (values.length - 1)) : 0;
    out[name] = { mean: round6(mean), sd: round6(sd), runs: values.map(round6) };
  }
  return out;
}

function round6(v: number): number {
  return Math.round(v * 1e6) / 1e6;
}

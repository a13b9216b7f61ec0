import { isAbsolute, join, relative, resolve } from 'node:path';
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadSplit, type LoadedSplit } from '../splits/load-split';
import { comparePaired, type PairedComparison } from '../metrics/paired-comparison';
import { parseAutoSpec } from '../auto/auto-spec';
import type { AutoChoice } from '../auto/auto-choice';
import { selectBaseline } from '../auto/baseline-auto';
import { selectIntent } from '../auto/intent-auto';
import { codeVersion, type CodeVersion } from '../protocol/code-version';
import { freezeConfig, requireFrozen, type FrozenEntry, type FrozenRef } from '../protocol/frozen-configs';
import { seedOfRun, seedPlanOf, summariseSeeds, withSeed, type SeedSummary } from '../protocol/seed-runs';
import { ENSEMBLE_DEFAULT } from '../../training/model/spec-params';
import { TRAINING_DEFAULTS } from '../../training/model/config';
import type { EvalCliOptions } from './cli-options';
import type { EvaluationResult } from './evaluation-result';
import { referenceCheck, type ReferenceCheck } from './reference-check';
import { slug, storeEvalResult } from './results-store';
import { runEvaluation, type EvaluationRun } from './run-evaluation';

const PAIRED_METRICS = ['HR@10', 'NDCG@10', 'HR@20', 'NDCG@20', 'MRR@20'];

export type Comparison = { against: string; spec: string; metrics: Record<string, PairedComparison> };

/** One seed's run as the command reports it. */
export interface SeedRun {
  seed: number | null;
  spec: string;
  modelName: string;
  metrics: Record<string, number>;
  ci: EvaluationResult['ci'];
  timings: EvaluationResult['timings'];
  storedAt?: string;
  comparison?: Comparison;
}

/** What a selected or frozen configuration was chosen with (its validation figures), shown beside test figures. */
export interface SelectedConfig {
  spec: string;
  validation: Record<string, number>;
  validationRuns: string[];
  selection?: unknown;
}

export type EvalCommandOutput =
  | ReferenceCheck
  | (EvaluationResult & {
      storedAt?: string;
      comparison?: Comparison;
      selected?: SelectedConfig;
      /** With --seeds N > 1: every run, and per metric the mean, standard deviation and runs. */
      seedRuns?: SeedRun[];
      seedSummary?: Record<string, SeedSummary>;
      comparisonSummary?: Record<string, SeedSummary>;
      seedSummaryStoredAt?: string;
      frozenAt?: string;
    });

/** session-rec's example_next.yml configuration that produced the stored rsc15-100k lists. */
export const REFERENCE_VSKNN = 'vsknn:k=500,sampleSize=5000,weighting=quadratic,idfWeighting=5';

const log = (line: string): void => {
  process.stderr.write(`${line}\n`);
};

/**
 * Runs what the CLI asked for under the protocol (docs/EVALUATION.md): the validation fold by
 * default; `…:auto` chooses its configuration there; the test fold runs only a configuration
 * frozen in eval/frozen/<dataset>.json and records which; `--seeds N` runs N training seeds;
 * every run is stored with its spec, seed and code version. `repoRoot` anchors a relative --out
 * folder and the frozen files.
 */
export async function runEvalCommand(options: EvalCliOptions, repoRoot: string): Promise<EvalCommandOutput> {
  const { request } = options;
  if (request.model.startsWith('reference:')) {
    const loaded = await loadSplit(request.dataset);
    return referenceCheck(request.dataset, loaded, request.model.slice('reference:'.length), options.compare ?? REFERENCE_VSKNN);
  }
  const loadStart = performance.now();
  const loaded = await loadSplit(request.dataset);
  const loadSeconds = Math.round((performance.now() - loadStart) / 10) / 100;
  const dataset = loaded.split.dataset;
  const code = codeVersion(repoRoot);
  const outDir = options.outDir === null ? null : isAbsolute(options.outDir) ? options.outDir : resolve(repoRoot, options.outDir);
  const relPath = (p: string): string => relative(repoRoot, p).split('\\').join('/');
  let frozen: { entry: FrozenEntry; ref: FrozenRef } | undefined;
  let frozenCompare: { entry: FrozenEntry; ref: FrozenRef } | undefined;
  let choice: AutoChoice | undefined;
  let baseSpec: string;
  if (request.fold === 'test') {
    frozen = requireFrozen(repoRoot, dataset, request.model);
    if (options.compare !== null) frozenCompare = requireFrozen(repoRoot, dataset, options.compare);
    baseSpec = frozen.entry.spec;
  } else {
    const auto = parseAutoSpec(request.model);
    if (auto !== null) {
      const fold = loaded.split.validation;
      choice = auto.family === 'intent' ? await selectIntent(request.dataset, loaded.split.itemIds, fold, auto.budgetSeconds, TRAINING_DEFAULTS.seed, log) : await selectBaseline(auto.family, fold, auto.budgetSeconds, log);
      baseSpec = choice.spec;
    } else baseSpec = request.model;
  }
  const compareBase = options.compare === null ? null : (frozenCompare?.entry.spec ?? options.compare);
  if (compareBase !== null && parseAutoSpec(compareBase) !== null) throw new Error('--compare takes a spec, or on the test fold a frozen key; run `…:auto` on its own first');
  const plan = seedPlanOf(baseSpec, { seed: TRAINING_DEFAULTS.seed, ensemble: ENSEMBLE_DEFAULT });
  const comparePlan = compareBase === null ? null : seedPlanOf(compareBase, { seed: TRAINING_DEFAULTS.seed, ensemble: ENSEMBLE_DEFAULT });
  const seeded = /^intent(blend)?(:|$)/.test(baseSpec);
  const runs: { run: EvaluationRun; comparison?: Comparison; storedAt?: string; seed: number | null }[] = [];
  const compareRuns: { run: EvaluationRun; storedAt?: string; seed: number | null; spec: string }[] = [];
  for (let r = 0; r < options.seeds; r += 1) {
    const seed = seeded ? seedOfRun(plan.seed, r, plan.ensemble) : null;
    const spec = seed === null ? baseSpec : withSeed(baseSpec, seed);
    const prepared = r === 0 ? (choice?.recommender ?? undefined) : undefined;
    const run = await runEvaluation({ ...request, spec }, loaded, prepared);
    run.result.timings.loadSeconds = loadSeconds;
    run.result.provenance = { spec, seed, codeVersion: code, ...(frozen !== undefined ? { frozen: frozen.ref } : {}) };
    if (choice !== undefined && r === 0) {
      run.result.selection = choice.selection;
      // The chosen model was trained during the selection: its fitting time is the selection's.
      if (prepared !== undefined) run.result.timings.fitSeconds = choice.selection.seconds;
    }
    let comparison: Comparison | undefined;
    if (compareBase !== null && comparePlan !== null && options.compare !== null) {
      const compareSeed = /^intent(blend)?(:|$)/.test(compareBase) ? seedOfRun(comparePlan.seed, r, comparePlan.ensemble) : null;
      const compareSpec = compareSeed === null ? compareBase : withSeed(compareBase, compareSeed);
      const other = await runEvaluation({ ...request, model: options.compare, spec: compareSpec }, loaded);
      other.result.provenance = { spec: compareSpec, seed: compareSeed, codeVersion: code, ...(frozenCompare !== undefined ? { frozen: frozenCompare.ref } : {}) };
      comparison = { against: options.compare, spec: compareSpec, metrics: paired(run, other, request.masked, request.resamples, request.seed) };
      other.result.timings.loadSeconds = loadSeconds;
      compareRuns.push({ run: other, seed: compareSeed, spec: compareSpec, ...(outDir !== null ? { storedAt: storeEvalResult(outDir, other.result) } : {}) });
    }
    const storedAt = outDir === null ? undefined : storeEvalResult(outDir, run.result);
    runs.push({ run, comparison, storedAt, seed });
  }
  const first = runs[0]!;
  const selected: SelectedConfig | undefined =
    frozen !== undefined
      ? { spec: frozen.entry.spec, validation: frozen.entry.validation, validationRuns: frozen.entry.validationRuns, ...(frozen.entry.selection !== undefined ? { selection: summariseSelection(frozen.entry.selection) } : {}) }
      : choice !== undefined
        ? { spec: choice.spec, validation: first.run.result.metrics, validationRuns: first.storedAt !== undefined ? [relPath(first.storedAt)] : [], selection: summariseSelection(choice.selection) }
        : undefined;
  const output: Exclude<EvalCommandOutput, ReferenceCheck> = { ...first.run.result, ...(first.storedAt !== undefined ? { storedAt: first.storedAt } : {}), ...(first.comparison ? { comparison: first.comparison } : {}), ...(selected ? { selected } : {}) };
  const metricsOf = (run: EvaluationRun): Record<string, number> => run.result.metrics;
  if (options.seeds > 1) {
    output.seedRuns = runs.map(({ run, comparison, storedAt, seed }) => ({
      seed,
      spec: run.result.provenance?.spec ?? baseSpec,
      modelName: run.result.modelName,
      metrics: run.result.metrics,
      ci: run.result.ci,
      timings: run.result.timings,
      ...(storedAt !== undefined ? { storedAt } : {}),
      ...(comparison !== undefined ? { comparison } : {}),
    }));
    output.seedSummary = summariseSeeds(runs.map((r) => metricsOf(r.run)));
    if (runs.every((r) => r.comparison !== undefined)) {
      output.comparisonSummary = summariseSeeds(runs.map((r) => Object.fromEntries(Object.entries(r.comparison!.metrics).map(([k, v]) => [k, v.meanDifference]))));
    }
    if (outDir !== null) output.seedSummaryStoredAt = storeSeedSummary(outDir, output, code);
  }
  if (options.freeze) {
    const validation = options.seeds > 1 ? Object.fromEntries(Object.entries(output.seedSummary!).map(([k, v]) => [k, v.mean])) : first.run.result.metrics;
    const entry: FrozenEntry = {
      spec: baseSpec,
      frozenAt: new Date().toISOString(),
      codeVersion: code,
      validationRuns: runs.flatMap((r) => (r.storedAt !== undefined ? [relPath(r.storedAt)] : [])),
      validation,
      seeds: runs.flatMap((r) => (r.seed === null ? [] : [r.seed])),
      ...(choice !== undefined ? { selection: choice.selection } : {}),
    };
    output.frozenAt = freezeConfig(repoRoot, dataset, request.model, entry);
    // With --compare, the other configuration was measured on the same validation cases: frozen beside it.
    if (options.compare !== null && compareBase !== null && compareRuns.length === runs.length) {
      const compareValidation = options.seeds > 1 ? Object.fromEntries(Object.entries(summariseSeeds(compareRuns.map((r) => r.run.result.metrics))).map(([k, v]) => [k, v.mean])) : compareRuns[0]!.run.result.metrics;
      freezeConfig(repoRoot, dataset, options.compare, {
        spec: compareBase,
        frozenAt: entry.frozenAt,
        codeVersion: code,
        validationRuns: compareRuns.flatMap((r) => (r.storedAt !== undefined ? [relPath(r.storedAt)] : [])),
        validation: compareValidation,
        seeds: compareRuns.flatMap((r) => (r.seed === null ? [] : [r.seed])),
        note: `measured with --compare beside ${request.model}`,
      });
    }
  }
  return output;
}

function paired(a: EvaluationRun, b: EvaluationRun, masked: boolean, resamples: number, seed: number): Record<string, PairedComparison> {
  const mode = (r: EvaluationRun) => (masked ? r.evaluation.masked : r.evaluation.unmasked);
  const metrics: Record<string, PairedComparison> = {};
  for (const name of PAIRED_METRICS) {
    const x = mode(a).perCase.get(name);
    const y = mode(b).perCase.get(name);
    if (x !== undefined && y !== undefined) metrics[name] = comparePaired(x, y, resamples, seed);
  }
  return metrics;
}

/** The selection without its per-trial table (the stored validation run keeps that). */
function summariseSelection(selection: unknown): unknown {
  if (selection === null || typeof selection !== 'object') return selection;
  const { trials, ...rest } = selection as Record<string, unknown>;
  return { ...rest, trials: Array.isArray(trials) ? trials.length : 0 };
}

/** `<dir>/<dataset>/<model>/<date>_<fold>_seeds<N>.json`: the seed summary beside the runs it summarises. */
function storeSeedSummary(dir: string, output: Exclude<EvalCommandOutput, ReferenceCheck>, code: CodeVersion): string {
  const folder = join(dir, slug(output.dataset), slug(output.model));
  mkdirSync(folder, { recursive: true });
  const path = join(folder, `${output.date.replace(/[:.]/g, '-')}_${output.fold}${output.masked ? '_masked' : ''}_seeds${output.seedRuns?.length ?? 0}.json`);
  const summary = {
    kind: 'seed-summary',
    dataset: output.dataset,
    fold: output.fold,
    model: output.model,
    codeVersion: code,
    selected: output.selected,
    frozen: output.provenance?.frozen,
    seedSummary: output.seedSummary,
    comparisonSummary: output.comparisonSummary,
    seedRuns: output.seedRuns,
  };
  writeFileSync(path, `${JSON.stringify(summary, null, 2)}\n`);
  return path;
}

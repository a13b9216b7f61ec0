import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TrainedIntentModel } from '../checkpoint/checkpoint';
import type { TrainingProgress } from '../loop/progress';
import type { MemberTrainer } from '../loop/train-members';
import type { IntentModelConfig, TrainingConfig } from '../model/config';
import { AUTO_REFIT_EPOCHS, AUTO_RUNG_EPOCHS, autoCandidates, intentSpecOf, type AvailableParts, type Candidate } from './auto-space';
import { sampleCases, scoreVariants, type CaseFigures } from './score-models';
import type { SelectionData } from './selection-data';
import { TrialRunner, type TrialRun } from './trial-runner';

export interface SelectionOptions {
  /** Wall-clock budget of the whole selection, seconds. */
  budgetSeconds: number;
  /** The centre of the space and every training setting not searched (batch, lr, patience, the epoch cap, seed). */
  centre: { model: IntentModelConfig; training: TrainingConfig };
  parts: AvailableParts;
  /** Trainings at once (one worker thread each). */
  parallel: number;
  /** Cases scored per trial in the rungs (a seeded sample; the final decisions use up to twice as many). */
  rungCases: number;
  signal?: AbortSignal;
  trainMember?: MemberTrainer;
  log?: (line: string) => void;
  onTrialProgress?: (trial: string, progress: TrainingProgress) => void;
}

/** One measured trial: what was trained, how far, and its figures on the held-out cases. */
export interface SelectionTrial {
  candidate: string;
  stage: 'rung 0' | 'rung 1' | 'final' | 'refit' | 'ensemble' | 'ensemble+refit';
  epochs: number;
  bestEpoch: number;
  ndcg10: number;
  hr10: number;
  cases: number;
  seconds: number;
}

export interface SelectionResult {
  /** The chosen configuration as an explicit `intent:` spec. */
  spec: string;
  model: IntentModelConfig;
  training: TrainingConfig;
  ensemble: number;
  candidate: string;
  trials: SelectionTrial[];
  /** Why refit and ensemble size are what they are (measured, or kept at the centre when the budget ran out). */
  decisions: { refit: string; ensemble: string; dropped: string[] };
  seconds: number;
  budgetSeconds: number;
  /** The chosen variant's trained models, for its figures on every held-out case. */
  members: TrainedIntentModel[];
}

/**
 * Successive halving over the documented space (auto-space.ts) within a time budget: every
 * candidate trains 3 epochs (rung 0), the best third goes on to 8 (rung 1), the best one to early
 * stopping while a second seed of it trains from scratch; then both refit for 3 epochs. Each member
 * alone and both together, with and without the refit, are scored on the same held-out cases:
 * refit when it raises the members' mean, two seeds when their mean logits beat the members' mean
 * alone (fair to a second seed that had less time). A stage the remaining budget cannot pay for is
 * skipped (rung 1), shortened (the final stage gets the time left), or left at the centre's setting
 * (refit), and the result says so. Every figure is on the held-out cases of `data`, never on a test
 * target.
 */
export async function selectIntentConfig(data: SelectionData, options: SelectionOptions): Promise<SelectionResult> {
  const started = performance.now();
  const elapsed = (): number => (performance.now() - started) / 1000;
  const log = options.log ?? (() => {});
  const dir = mkdtempSync(join(tmpdir(), 'intent-auto-'));
  const runner = new TrialRunner(data, { dir, parallel: options.parallel, signal: options.signal, trainMember: options.trainMember, onProgress: (run, p) => options.onTrialProgress?.(run.id, p) });
  const rungCases = sampleCases(data.cases, options.rungCases, options.centre.training.seed + 11);
  const finalCases = sampleCases(data.cases, options.rungCases * 2, options.centre.training.seed + 13);
  const trials: SelectionTrial[] = [];
  const dropped: string[] = [];
  const record = (candidate: string, stage: SelectionTrial['stage'], run: TrialRun, f: CaseFigures): void => {
    trials.push({ candidate, stage, epochs: run.epochs, bestEpoch: run.bestEpoch, ndcg10: f.ndcg10, hr10: f.hr10, cases: f.cases, seconds: run.seconds });
    log(`auto: ${stage} ${candidate}: ${run.epochs} epochs (best ${run.bestEpoch}), NDCG@10 ${f.ndcg10.toFixed(4)} HR@10 ${f.hr10.toFixed(4)} on ${f.cases} cases, ${elapsed().toFixed(0)} s`);
  };
  try {
    const training = { ...options.centre.training, refitEpochs: 0 };
    const candidates = autoCandidates(options.centre.model, options.parts);
    // The centre's epoch cap bounds every rung (a fine-tune job asking for 2 epochs never trains a candidate for 3).
    const rungEpochs = AUTO_RUNG_EPOCHS.map((e) => Math.min(e, training.epochs));
    // Rung 0: candidates in order, a batch of `parallel` at a time, while the budget allows (the first batch always runs).
    const rung0: { candidate: Candidate; run: TrialRun; figures: CaseFigures }[] = [];
    let perBatch = 0;
    for (let from = 0; from < candidates.length; from += options.parallel) {
      const batch = candidates.slice(from, from + options.parallel);
      // Keep about 60 % of the budget for the later stages.
      if (from > 0 && elapsed() + perBatch > options.budgetSeconds * 0.4) {
        dropped.push(...batch.map((c) => `${c.name} (budget)`));
        continue;
      }
      const t = elapsed();
      const runs = batch.map((c, i) => runner.newRun(`c${from + i}`, c.model, training));
      const models = await runner.run(runs.map((run) => ({ run, epochs: rungEpochs[0]! })));
      const figures = await scoreVariants(models.map((m) => [m]), data.text, rungCases);
      batch.forEach((candidate, i) => {
        rung0.push({ candidate, run: runs[i]!, figures: figures[i]! });
        record(candidate.name, 'rung 0', runs[i]!, figures[i]!);
      });
      perBatch = elapsed() - t;
    }
    const ranked = [...rung0].sort((a, b) => b.figures.ndcg10 - a.figures.ndcg10);
    // Rung 1: the best third (at least one) to 8 epochs, when there is room for it and the final stage.
    let finalists = ranked.slice(0, Math.max(1, Math.ceil(ranked.length / 3)));
    const epochSeconds = Math.max(1, ...rung0.map((r) => r.run.seconds / Math.max(1, r.run.epochs)));
    const rung1Cost = (rungEpochs[1]! - rungEpochs[0]!) * epochSeconds * Math.ceil(finalists.length / options.parallel);
    if (finalists.length > 1 && rungEpochs[1]! > rungEpochs[0]! && elapsed() + rung1Cost + 10 * epochSeconds < options.budgetSeconds) {
      const models = await runner.run(finalists.map((f) => ({ run: f.run, epochs: rungEpochs[1]! })));
      const figures = await scoreVariants(models.map((m) => [m]), data.text, rungCases);
      finalists = finalists.map((f, i) => ({ ...f, figures: figures[i]! }));
      finalists.forEach((f) => record(f.candidate.name, 'rung 1', f.run, f.figures));
      finalists.sort((a, b) => b.figures.ndcg10 - a.figures.ndcg10);
    } else if (finalists.length > 1) dropped.push(`rung 1 (${finalists.map((f) => f.candidate.name).join(', ')}: ${rungEpochs[1]! > rungEpochs[0]! ? 'budget' : 'the epoch cap leaves no room'})`);
    const winner = finalists[0]!;
    // Final: the winner to early stopping, and a second seed of it from scratch at the same time.
    // Its time is what the budget leaves after the refit, an epoch of slack (the budget is checked
    // between epochs) and the scoring.
    const refitCost = (AUTO_REFIT_EPOCHS + 0.5) * epochSeconds + 30;
    const finalBudget = Math.max(epochSeconds, options.budgetSeconds - elapsed() - refitCost - epochSeconds);
    const second = runner.newRun('second-seed', winner.candidate.model, { ...training, seed: training.seed + 1 });
    const [m1, m2] = await runner.run([
      { run: winner.run, epochs: training.epochs, timeBudgetSeconds: finalBudget },
      { run: second, epochs: training.epochs, timeBudgetSeconds: finalBudget },
    ]);
    const plain = { one: [m1!], two: [m2!], both: [m1!, m2!] };
    let refitted: typeof plain | null = null;
    if (elapsed() + 0.7 * refitCost < options.budgetSeconds) {
      const [r1, r2] = await runner.run([{ run: winner.run, refit: AUTO_REFIT_EPOCHS }, { run: second, refit: AUTO_REFIT_EPOCHS }]);
      refitted = { one: [r1!], two: [r2!], both: [r1!, r2!] };
    }
    // Each member alone and both together (mean of logits), with and without the refit, on the same cases.
    const sets = refitted === null ? [plain] : [plain, refitted];
    const figures = await scoreVariants(sets.flatMap((v) => [v.one, v.two, v.both]), data.text, finalCases);
    const at = (set: number, which: 0 | 1 | 2): CaseFigures => figures[set * 3 + which]!;
    const stages: [SelectionTrial['stage'], SelectionTrial['stage']][] = [['final', 'ensemble'], ['refit', 'ensemble+refit']];
    sets.forEach((_, k) => {
      const [single, pair] = stages[k]!;
      record(`${winner.candidate.name}, seed ${training.seed}${k === 1 ? ', refit' : ''}`, single, winner.run, at(k, 0));
      record(`${winner.candidate.name}, seed ${training.seed + 1}${k === 1 ? ', refit' : ''}`, single, second, at(k, 1));
      record(`${winner.candidate.name}, both seeds${k === 1 ? ', refit' : ''}`, pair, { ...winner.run, seconds: Math.max(winner.run.seconds, second.seconds) }, at(k, 2));
    });
    // Decisions judge each change on the members as trained, so a second seed that had less time
    // than the first (it starts from scratch) does not count against the ensemble: refit when the
    // members' mean rises with it; two seeds when their mean logits beat the members' mean alone.
    const memberMean = (k: number): number => (at(k, 0).ndcg10 + at(k, 1).ndcg10) / 2;
    const f = (v: number): string => v.toFixed(4);
    const refitMeasured = refitted !== null;
    const useRefit = refitMeasured ? memberMean(1) > memberMean(0) : options.centre.training.refitEpochs > 0;
    const k = refitMeasured && useRefit ? 1 : 0;
    const ensemble = at(k, 2).ndcg10 > memberMean(k) ? 2 : 1;
    const refit = refitMeasured ? (useRefit ? AUTO_REFIT_EPOCHS : 0) : options.centre.training.refitEpochs;
    const chosenTraining: TrainingConfig = { ...options.centre.training, refitEpochs: refit };
    const members = ensemble === 2 ? sets[k]!.both : sets[k]!.one;
    return {
      spec: intentSpecOf(winner.candidate.model, chosenTraining, ensemble),
      model: winner.candidate.model,
      training: chosenTraining,
      ensemble,
      candidate: winner.candidate.name,
      trials,
      decisions: {
        refit: refitMeasured
          ? `${refit} (members' mean NDCG@10 ${f(memberMean(0))} without, ${f(memberMean(1))} with the refit)`
          : `not measured (budget): kept at ${options.centre.training.refitEpochs}`,
        ensemble: `${ensemble} (two seeds ${f(at(k, 2).ndcg10)} vs the members' mean ${f(memberMean(k))}; seed ${training.seed} ${winner.run.epochs} epochs, seed ${training.seed + 1} ${second.epochs})`,
        dropped,
      },
      seconds: elapsed(),
      budgetSeconds: options.budgetSeconds,
      members,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

import { cpus } from 'node:os';
import type { JobContext } from '../jobs/job-runner';
import { selectIntentConfig } from '../training/auto/select-config';
import type { SelectionCase } from '../training/auto/selection-data';
import type { TokenEvents } from '../training/data/session-events';
import type { IntentModelConfig, TrainingConfig } from '../training/model/config';
import type { MemberTrainer } from '../training/loop/train-members';
import type { ComparisonSplit } from './comparison-shoppers';
import type { FineTuneRun } from './finetune-run';
import type { StoreTrainingData } from './store-training-data';

/** The choice as the job result and the registry show it. */
export interface SelectionRecord {
  spec: string;
  candidate: string;
  /** NDCG@10 / HR@10 of the chosen variant on the held-out last items. */
  ndcg10: number;
  hr10: number;
  cases: number;
  seconds: number;
  budgetSeconds: number;
  decisions: Record<string, unknown>;
  trials: { candidate: string; stage: string; epochs: number; ndcg10: number }[];
}

/** What a job trains after an automatic selection (also written to `<version>.selection.json` for a resume). */
export interface SelectedRun {
  model: IntentModelConfig;
  training: TrainingConfig;
  members: number;
  record: SelectionRecord;
}

export const FINETUNE_AUTO_BUDGET_SECONDS = 300;

const cut = (e: TokenEvents, n: number): TokenEvents => ({ types: e.types.subarray(0, n), gaps: e.gaps.subarray(0, n) });

/**
 * A fine-tune job's automatic configuration: the training shoppers' sequences without their last
 * item are what candidates train on, and those last items are what they are judged by (the
 * comparison shoppers are never seen here, nor by the final training). Successive halving within
 * the budget (training/auto/select-config.ts) around the job's own defaults (event types and gaps
 * on, text and catalogue attributes when the store has them); progress is reported as the job's.
 */
export async function selectForRun(
  d: { train?: MemberTrainer; autoBudgetSeconds?: number },
  centre: { model: IntentModelConfig; training: TrainingConfig },
  run: FineTuneRun,
  data: StoreTrainingData,
  split: ComparisonSplit,
  ctx: JobContext,
): Promise<SelectedRun> {
  const { sequences, tokenEvents } = split.training;
  const trainOn: Int32Array[] = [];
  const trainEvents: TokenEvents[] = [];
  const cases: SelectionCase[] = [];
  sequences.forEach((seq, k) => {
    const n = seq.length - 1;
    const e = tokenEvents[k]!;
    trainOn.push(seq.subarray(0, n));
    trainEvents.push(cut(e, n));
    cases.push({ history: seq.subarray(0, n), target: seq[n]!, events: cut(e, n) });
  });
  const budgetSeconds = d.autoBudgetSeconds ?? FINETUNE_AUTO_BUDGET_SECONDS;
  const started = Date.now();
  const result = await selectIntentConfig(
    { sequences: trainOn, events: trainEvents, numItems: data.itemIds.length, text: data.text, attributes: data.attributes, cases },
    {
      budgetSeconds,
      centre: { model: centre.model, training: { ...centre.training, epochs: run.epochs } },
      parts: { text: data.text !== null, attributes: data.attributes !== null },
      parallel: Math.max(1, Math.min(2, cpus().length)),
      rungCases: 2000,
      signal: ctx.signal,
      trainMember: d.train,
      // The bar runs over the selection's time budget; each finished trial is its message.
      log: (line) => {
        const elapsed = (Date.now() - started) / 1000;
        ctx.report({ done: Math.min(budgetSeconds, elapsed), total: budgetSeconds, rate: 0, etaSeconds: Math.max(0, budgetSeconds - elapsed), message: `choosing the configuration: ${line.replace(/^auto: /, '')}`, metrics: {} });
      },
    },
  );
  const chosen = result.trials.at(-1);
  const best = result.trials.filter((t) => ['final', 'refit', 'ensemble', 'ensemble+refit'].includes(t.stage)).sort((a, b) => b.ndcg10 - a.ndcg10)[0] ?? chosen;
  return {
    model: result.model,
    training: { ...result.training, epochs: run.epochs },
    members: result.ensemble,
    record: {
      spec: result.spec,
      candidate: result.candidate,
      ndcg10: best?.ndcg10 ?? 0,
      hr10: best?.hr10 ?? 0,
      cases: best?.cases ?? 0,
      seconds: result.seconds,
      budgetSeconds,
      decisions: result.decisions,
      trials: result.trials.map((t) => ({ candidate: t.candidate, stage: t.stage, epochs: t.epochs, ndcg10: t.ndcg10 })),
    },
  };
}

import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { ContractError } from '../../../shared/contract';
import type { Job } from '../../../shared/contract';
import type { JobContext, JobRunner } from '../jobs/job-runner';
import type { ItemVectorRepository } from '../store';
import type { Database } from 'better-sqlite3';
import { MODEL_DEFAULTS, TRAINING_DEFAULTS, type IntentModelConfig, type TrainingConfig } from '../training/model/config';
import type { TrainRequest } from '../training/trainingMessages';
import type { IntentModelRegistry } from './intent-model-registry';
import { compareVersions, type BeforeAfter } from './before-after';
import { COMPARISON_SCHEME, splitComparisonShoppers, type ComparisonSplit } from './comparison-shoppers';
import { continueFrom } from './continue-from';
import { newVersionName, refitOnTop, runFiles, trainingDataRecord, type FineTuneRun } from './finetune-run';
import type { ServingIntentModel } from './serving-intent-model';
import { latestEventSeq, storeTrainingData, type StoreTrainingData } from './store-training-data';
import { trainInWorker, type EpochSpan, type TrainingDone } from './train-in-worker';

export interface FineTuneDeps {
  db: Database;
  vectors: ItemVectorRepository;
  jobs: JobRunner;
  registry: IntentModelRegistry;
  /** Where model files go: <dataDir>/models/intent. */
  modelDir: string;
  textVersion: () => string | null;
  /** Loads a registered version for serving (and for the before/after comparison). */
  load: (version: string) => ServingIntentModel;
  /** Smaller models for tests; the defaults are the evaluated configuration (docs/INTENT_MODEL.md). */
  modelConfig?: Partial<IntentModelConfig>;
  trainingConfig?: Partial<TrainingConfig>;
  /** Runs a training request (default: `trainInWorker`); tests wrap it to see what is trained on. */
  train?: (request: TrainRequest, ctx: JobContext, span: EpochSpan) => Promise<TrainingDone>;
}

/**
 * A fine-tuning job: the store's recent behaviour -> a worker thread that trains the intent head
 * over the frozen text vectors -> a registered (not yet serving) model version. A cancelled or
 * failed run registers nothing and leaves the serving model as it was; its per-epoch checkpoint
 * lets `finetune.resume` continue it (finetune-resume.ts).
 */
export function startFineTune(d: FineTuneDeps, params: { epochs: number; windowDays?: number; fromServing: boolean }): Job {
  const base = d.registry.serving();
  if (params.fromServing && !base) throw new ContractError('conflict', 'fromServing: no intent model serves yet; train from scratch first', [{ path: 'fromServing', message: 'nothing serves' }]);
  // Fixed now and kept in the job's params, so a resumed run reads exactly the same events.
  const run: FineTuneRun = {
    ...params,
    ...(base && params.fromServing ? { from: base.version } : {}),
    version: newVersionName(),
    sinceTs: params.windowDays === undefined ? 0 : Date.now() - params.windowDays * 86_400_000,
    untilSeq: latestEventSeq(d.db),
    textVersion: d.textVersion(),
  };
  return d.jobs.start('fine-tune', run, async (ctx) => {
    const data = storeTrainingData(d.db, d.vectors, run.textVersion, run);
    // The comparison shoppers never train: neither the validated phase nor the refit sees them.
    const split = splitComparisonShoppers(data);
    const trainable = split.training.sequences.length;
    if (trainable < 10) throw new Error(`only ${trainable} shoppers with two or more item events in the window (besides those held out for the comparison): too few to train on`);
    const files = runFiles(d.modelDir, run.version);
    mkdirSync(d.modelDir, { recursive: true });
    // The item order is part of the model; it and a record of the data are what a resume checks.
    writeFileSync(files.items, JSON.stringify(data.itemIds));
    writeFileSync(files.data, JSON.stringify(trainingDataRecord(data, split)));
    const start = run.from !== undefined ? continueFrom(d.registry.pathOf(run.from), data.itemIds, run.epochs, files.startCheckpoint) : undefined;
    const training = { ...TRAINING_DEFAULTS, validationUsers: 2000, ...d.trainingConfig };
    // The job's `epochs` is the most validated epochs; the refit epochs come on top (the loop's `epochs` bounds both).
    const refitEpochs = start?.refitEpochs ?? refitOnTop(training);
    return trainAndRegister(d, run, { data, split }, ctx, {
      // The store records each event's type and time, so the model reads them (the Amazon evaluation defaults do not).
      model: { ...MODEL_DEFAULTS, useText: data.text !== null, events: data.tokenEvents.length === data.sequences.length, ...d.modelConfig },
      training: { ...training, epochs: run.epochs + refitEpochs },
      epochOffset: start?.epochOffset ?? 0,
      refitEpochs,
      ...(start ? { resumeFromPath: start.path } : {}),
    });
  });
}

/** Where a run starts: fresh, from an incremental start checkpoint, or from its own last checkpoint. */
export interface RunStart {
  model: IntentModelConfig;
  training: TrainingConfig;
  /** Epochs the checkpoint lineage had trained before this run's job asked for its own. */
  epochOffset: number;
  /** Refit epochs planned after the job's validated epochs. */
  refitEpochs: number;
  resumeFromPath?: string;
  /** Set when resuming: the job's epochs already done. */
  resumedAfterEpoch?: number;
}

/** A run's data and its split into training and comparison shoppers. */
export interface RunData {
  data: StoreTrainingData;
  split: ComparisonSplit;
}

/**
 * Trains in a worker on the training shoppers, then registers the version (file, sha256, metrics,
 * config) and compares it with the serving version on the comparison shoppers, whom neither trained
 * on here. A fresh run and a resumed one end here alike.
 */
export async function trainAndRegister(d: FineTuneDeps, run: FineTuneRun, { data, split }: RunData, ctx: JobContext, start: RunStart): Promise<Record<string, unknown>> {
  const files = runFiles(d.modelDir, run.version);
  const request: TrainRequest = {
    type: 'train',
    sequences: split.training.sequences,
    events: split.training.tokenEvents,
    numItems: data.itemIds.length,
    text: data.text,
    model: start.model,
    training: start.training,
    modelPath: files.model,
    onnxPath: files.onnx,
    checkpointPath: files.checkpoint,
    ...(start.resumeFromPath !== undefined ? { resumeFromPath: start.resumeFromPath } : {}),
  };
  const done = await (d.train ?? trainInWorker)(request, ctx, { epochOffset: start.epochOffset, epochs: run.epochs, refitEpochs: start.refitEpochs });
  const sha256 = createHash('sha256').update(readFileSync(files.model)).digest('hex');
  const trained = { valNdcg: done.bestValNdcg, bestEpoch: done.bestEpoch, seconds: done.seconds, steps: done.steps, sequences: split.training.sequences.length, items: data.itemIds.length };
  d.registry.register({
    version: run.version,
    path: files.model,
    sha256,
    metrics: trained,
    config: {
      ...start.model,
      epochs: run.epochs,
      refitEpochs: start.refitEpochs,
      windowDays: run.windowDays ?? null,
      sinceTs: run.sinceTs,
      untilSeq: run.untilSeq,
      textVersion: run.textVersion,
      from: run.from ?? null,
      comparisonHoldout: COMPARISON_SCHEME,
    },
  });
  const serving = d.registry.serving();
  const comparison = beforeAfter(d, run.version, serving?.version, data.itemIds, split);
  d.registry.updateMetrics(run.version, { ...trained, ...comparison });
  const servingHeldOut = serving === undefined || serving.config.comparisonHoldout === COMPARISON_SCHEME;
  return {
    version: run.version,
    ...trained,
    ...comparison,
    ...(split.skipped !== undefined ? { comparisonSkipped: split.skipped } : {}),
    ...(serving && split.comparison ? { comparedWith: serving.version } : {}),
    ...(serving && split.comparison && !servingHeldOut ? { comparisonNote: `${serving.version} was trained before shoppers were held out for the comparison, so it may have trained on these shoppers: its figure may be optimistic` } : {}),
    ...(start.resumedAfterEpoch !== undefined ? { resumedAfterEpoch: start.resumedAfterEpoch } : {}),
  };
}

/** Before/after on the comparison shoppers, the same cases for both versions; only their count (0) when the window had too few. */
function beforeAfter(d: FineTuneDeps, version: string, servingVersion: string | undefined, itemIds: readonly string[], split: ComparisonSplit): BeforeAfter | { comparisonCases: 0 } {
  if (split.comparison === null) return { comparisonCases: 0 };
  return compareVersions(d.load(version), servingVersion !== undefined ? d.load(servingVersion) : undefined, itemIds, split.comparison);
}

import { mkdirSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { ContractError } from '../../../shared/contract';
import type { Job } from '../../../shared/contract';
import type { JobContext, JobRunner } from '../jobs/job-runner';
import type { ItemVectorRepository } from '../store';
import type { Database } from 'better-sqlite3';
import { MODEL_DEFAULTS, TRAINING_DEFAULTS, type IntentModelConfig, type TrainingConfig } from '../training/model/config';
import { shareRequestInputs, trainMembers, type MemberTrainer } from '../training/loop/train-members';
import type { TrainRequest } from '../training/training-messages';
import type { IntentModelRegistry } from './intent-model-registry';
import { compareVersions, type BeforeAfter } from './before-after';
import { DEFAULT_SLICE_MS, timeSlices } from '../workers/time-slices';
import { COMPARISON_SCHEME, splitComparisonShoppers, type ComparisonSplit } from './comparison-shoppers';
import { continueFrom } from './continue-from';
import { ensembleFiles, ensembleSha256, fileSha256, writeManifest } from './ensemble-manifest';
import { DEFAULT_MEMBERS, memberFilesOf, newVersionName, refitOnTop, runFiles, trainingDataRecord, type FineTuneRun } from './finetune-run';
import type { ServingIntentModel } from './serving-intent-model';
import { latestEventSeq, storeTrainingDataAsync, type StoreTrainingData } from './store-training-data';
import { chooseIncremental } from './finetune-incremental';
import type { BudgetStop } from '../training/loop/train-intent-model';
import { reportEnsemble } from './finetune-progress';
import { FINETUNE_AUTO_BUDGET_SECONDS, selectForRun, type SelectionRecord } from './finetune-selection';
import { jobLoss, lossRecord } from './finetune-loss';

export interface FineTuneDeps {
  db: Database;
  vectors: ItemVectorRepository;
  jobs: JobRunner;
  registry: IntentModelRegistry;
  /** Where model files go: <dataDir>/models/intent. */
  modelDir: string;
  textVersion: () => string | null;
  /** Loads a registered version for the before/after comparison, in time slices (ServingIntentModel.loadAsync). */
  load: (version: string) => Promise<ServingIntentModel>;
  /** Smaller models for tests; the defaults are the evaluated configuration (docs/INTENT_MODEL.md). */
  modelConfig?: Partial<IntentModelConfig>;
  trainingConfig?: Partial<TrainingConfig>;
  /**
   * Members of the seed ensemble a job trains and serves (default 2, seeds `seed`, `seed + 1`, ...;
   * docs/RECOMMENDATION.md); tests that do not test the ensemble may set 1.
   */
  members?: number;
  /** Trains one member's request (default: `trainInWorker`, a worker thread); tests wrap it to see what is trained on. */
  train?: MemberTrainer;
  /** A job's configuration when its request names none: `auto` (the engine's default) or `defaults` (tests of other things). */
  defaultConfig?: 'auto' | 'defaults';
  /** Time budget of a job's automatic selection, seconds (default 300). */
  autoBudgetSeconds?: number;
  /**
   * Catalogues up to this many items train with the full softmax, larger ones with the sampled one
   * (default `FULL_SOFTMAX_MAX_ITEMS`, 5,000); a `trainingConfig.loss` overrides the choice.
   */
  fullSoftmaxMaxItems?: number;
  /** A store with more item events than this is large: incremental by default (`LARGE_STORE_ITEM_EVENTS`; tests set fewer). */
  largeStoreItemEvents?: number;
  /** Rows of events one batch of the streaming read aims at (`TRAINING_READ_CHUNK_ROWS`). */
  readChunkRows?: number;
}

/** Share of a job's time budget its automatic selection may take (at most its own `autoBudgetSeconds`). */
export const SELECTION_SHARE_OF_BUDGET = 0.4;

/**
 * A fine-tuning job: the store's recent behaviour -> worker threads that train a seed ensemble of
 * intent heads over the frozen text vectors, in parallel -> a registered (not yet serving) model
 * version, the ensemble. A cancelled or
 * failed run registers nothing and leaves the serving model as it was; its per-epoch checkpoint
 * lets `finetune.resume` continue it (finetune-resume.ts).
 */
export function startFineTune(d: FineTuneDeps, request: { epochs: number; windowDays?: number; fromServing?: boolean; config?: 'auto' | 'defaults'; budgetSeconds?: number }): Job {
  const base = d.registry.serving();
  // Left out: incremental on the recent window for a large store with a serving version (finetune-incremental.ts).
  const choice = chooseIncremental(d, request, () => (d.db.prepare('SELECT item_id FROM items ORDER BY item_id').pluck().all() as string[]));
  const params = {
    epochs: request.epochs,
    fromServing: choice.fromServing,
    ...(choice.windowDays !== undefined ? { windowDays: choice.windowDays } : {}),
    ...(request.config !== undefined ? { config: request.config } : {}),
    ...(request.budgetSeconds !== undefined ? { budgetSeconds: request.budgetSeconds } : {}),
    ...(choice.reason !== undefined ? { fromServingReason: choice.reason } : {}),
  };
  if (params.fromServing && !base) throw new ContractError('conflict', 'fromServing: no intent model serves yet; train from scratch first', [{ path: 'fromServing', message: 'nothing serves' }]);
  // Fixed now and kept in the job's params, so a resumed run reads exactly the same events.
  // An incremental run continues the serving version's configuration; otherwise the request's, else the engine's default.
  const config = params.fromServing ? 'defaults' : (params.config ?? d.defaultConfig ?? 'auto');
  const run: FineTuneRun = {
    ...params,
    config,
    ...(base && params.fromServing ? { from: base.version } : {}),
    version: newVersionName(),
    sinceTs: params.windowDays === undefined ? 0 : Date.now() - params.windowDays * 86_400_000,
    untilSeq: latestEventSeq(d.db),
    textVersion: d.textVersion(),
    members: d.members ?? DEFAULT_MEMBERS,
  };
  return d.jobs.start('fine-tune', run, async (ctx) => {
    const startedAt = Date.now();
    // Read in bounded batches of shoppers, yielding to the engine's loop between them (sequence-reader.ts).
    const data = await storeTrainingDataAsync(d.db, d.vectors, run.textVersion, run, { signal: ctx.signal, ...(d.readChunkRows !== undefined ? { chunkRows: d.readChunkRows } : {}) });
    // The comparison shoppers never train: neither the validated phase nor the refit sees them.
    const split = splitComparisonShoppers(data);
    const trainable = split.training.sequences.length;
    if (trainable < 10) throw new Error(`only ${trainable} shoppers with two or more item events in the window (besides those held out for the comparison): too few to train on`);
    const files = runFiles(d.modelDir, run.version);
    mkdirSync(d.modelDir, { recursive: true });
    // The item order is part of the model; it and a record of the data are what a resume checks.
    writeFileSync(files.items, JSON.stringify(data.itemIds));
    writeFileSync(files.data, JSON.stringify(await trainingDataRecord(data, split)));
    const fresh = freshConfig(d, data);
    // With a budget, the selection gets at most its share of it (and never more than its own budget).
    const selectionDeps = run.budgetSeconds !== undefined ? { ...d, autoBudgetSeconds: Math.max(1, Math.min(d.autoBudgetSeconds ?? FINETUNE_AUTO_BUDGET_SECONDS, SELECTION_SHARE_OF_BUDGET * run.budgetSeconds - (Date.now() - startedAt) / 1000)) } : d;
    const selected = run.config === 'auto' ? await selectForRun(selectionDeps, fresh, run, data, split, ctx) : undefined;
    if (selected !== undefined) {
      // What a resume trains: the chosen configuration and member count (the job's params were fixed before the choice).
      writeFileSync(files.selection, JSON.stringify(selected));
      run.members = selected.members;
    }
    const { model, training } = selected ?? fresh;
    // An incremental run: member k continues the serving version's member k; members it lacks continue its member 0 with their own seeds.
    const servingMembers = run.from !== undefined ? ensembleFiles(d.registry.pathOf(run.from)).models : undefined;
    const notes: string[] = [];
    if (servingMembers && servingMembers.length < run.members!) {
      notes.push(`${run.from} has ${servingMembers.length} member(s): member(s) ${servingMembers.length}..${run.members! - 1} continue from its member 0's weights with their own seeds`);
    }
    const members = memberFilesOf(files, run).map((mf, k): MemberStart => {
      const start = servingMembers ? continueFrom(servingMembers[k] ?? servingMembers[0]!, data.itemIds, run.epochs, mf.startCheckpoint, k < servingMembers.length ? 0 : k) : undefined;
      // The job's `epochs` is the most validated epochs; the refit epochs come on top (the loop's `epochs` bounds both).
      const refitEpochs = start?.refitEpochs ?? refitOnTop(training);
      return {
        model,
        training: { ...training, seed: training.seed + k, epochs: run.epochs + refitEpochs },
        epochOffset: start?.epochOffset ?? 0,
        refitEpochs,
        ...(start ? { resumeFromPath: start.path } : {}),
      };
    });
    return trainAndRegister(d, run, { data, split }, ctx, { members, notes, startedAt, ...(selected !== undefined ? { selection: selected.record } : {}) });
  });
}

/** A fresh run's model and training configuration (member 0's seed) for this data. */
export function freshConfig(d: Pick<FineTuneDeps, 'modelConfig' | 'trainingConfig' | 'fullSoftmaxMaxItems'>, data: StoreTrainingData): { model: IntentModelConfig; training: TrainingConfig } {
  return {
    // The store records each event's type and time, so the model reads them (the Amazon evaluation defaults do not).
    // Brand, category nodes and price band when the catalogue has them (catalogue-attributes.ts).
    model: { ...MODEL_DEFAULTS, useText: data.text !== null, useAttributes: data.attributes !== null, events: data.tokenEvents.length === data.sequences.length, ...d.modelConfig },
    // Full or sampled softmax by the catalogue's size (finetune-loss.ts), for the selection's trials and the final training alike.
    training: { ...TRAINING_DEFAULTS, validationUsers: 2000, loss: jobLoss(d, data.itemIds.length).loss, ...d.trainingConfig },
  };
}

/** Where one member starts: fresh, from an incremental start checkpoint, or from its own last checkpoint; or finished already. */
export interface MemberStart {
  model: IntentModelConfig;
  /** Its `seed` is the member's: the run's seed + the member's number. */
  training: TrainingConfig;
  /** Epochs the checkpoint lineage had trained before this run's job asked for its own. */
  epochOffset: number;
  /** Refit epochs planned after the job's validated epochs. */
  refitEpochs: number;
  resumeFromPath?: string;
  /** Set when the member finished before the run stopped (a resume): what it recorded; it is not trained again. */
  finished?: MemberDone;
}

/** Where a run's members start. */
export interface RunStart {
  members: MemberStart[];
  /** Set when resuming: the job's epochs already done (by the slowest member that trains). */
  resumedAfterEpoch?: number;
  /** Said in the job's result (e.g. how an incremental run started members the serving version lacks). */
  notes?: string[];
  /** The automatic selection that chose the configuration (its choice, decisions and trials), shown in the result and the registry. */
  selection?: SelectionRecord;
  /** When the job started (epoch ms): a budget counts from here (the read and the selection included). */
  startedAt?: number;
}

/** What a finished member records in `<version>.m<k>.done.json`. */
export interface MemberDone {
  seed: number;
  bestEpoch: number;
  bestValNdcg: number;
  seconds: number;
  steps: number;
  /** Set when the job's time budget ended this member's training. */
  budgetEnded?: BudgetStop;
}

/** A run's data and its split into training and comparison shoppers. */
export interface RunData {
  data: StoreTrainingData;
  split: ComparisonSplit;
}

/**
 * Trains the ensemble's members in parallel (a worker thread each) on the training shoppers, then
 * registers the version once (its members manifest, sha256 over the members, mean and per-member
 * metrics, config) and compares it with the serving version on the comparison shoppers, whom
 * neither trained on here. Nothing is registered unless every member succeeded. A fresh run and a
 * resumed one end here alike.
 */
export async function trainAndRegister(d: FineTuneDeps, run: FineTuneRun, { data, split }: RunData, ctx: JobContext, start: RunStart): Promise<Record<string, unknown>> {
  const files = runFiles(d.modelDir, run.version);
  const memberFiles = memberFilesOf(files, run);
  if (memberFiles.length !== start.members.length) throw new Error(`${run.version}: ${start.members.length} member starts for ${memberFiles.length} members`);
  const toTrain = start.members.flatMap((m, k) => (m.finished === undefined ? [k] : []));
  // The sequences, their events and the text table in shared memory once, read by every member's thread.
  const inputs = shareRequestInputs({ sequences: split.training.sequences, events: split.training.tokenEvents, text: data.text });
  const requests = toTrain.map((k) => {
    const m = start.members[k]!;
    const f = memberFiles[k]!;
    const request: TrainRequest = {
      type: 'train',
      ...inputs,
      numItems: data.itemIds.length,
      attributes: data.attributes,
      model: m.model,
      training: m.training,
      modelPath: f.model,
      onnxPath: f.onnx,
      checkpointPath: f.checkpoint,
      ...(m.resumeFromPath !== undefined ? { resumeFromPath: m.resumeFromPath } : {}),
      // What is left of the job's budget (the read and the selection took the rest).
      ...(run.budgetSeconds !== undefined ? { budgetSeconds: Math.max(1, run.budgetSeconds - (Date.now() - (start.startedAt ?? Date.now())) / 1000) } : {}),
    };
    return { request, span: { epochOffset: m.epochOffset, epochs: run.epochs, refitEpochs: m.refitEpochs } };
  });
  const finished: (MemberDone | undefined)[] = start.members.map((m) => m.finished);
  // The job's cancel cancels every member; a failing member cancels the others and fails the job with its error.
  await trainMembers(
    requests.map((r) => r.request),
    {
      signal: ctx.signal,
      trainMember: d.train,
      onProgress: reportEnsemble(ctx, requests.map((r) => r.span)),
      onDone: (i, done) => {
        const k = toTrain[i]!;
        const record: MemberDone = { seed: start.members[k]!.training.seed, bestEpoch: done.bestEpoch, bestValNdcg: done.bestValNdcg, seconds: done.seconds, steps: done.steps, ...(done.budgetEnded !== undefined ? { budgetEnded: done.budgetEnded } : {}) };
        finished[k] = record;
        // As soon as it is done: a resume after the others are cancelled does not train it again.
        writeFileSync(memberFiles[k]!.done, JSON.stringify(record));
      },
    },
  );
  const dones = finished.map((m, k) => {
    if (m === undefined) throw new Error(`${run.version}: member ${k} did not finish`);
    return m;
  });
  const sha256s = memberFiles.map((f) => fileSha256(f.model));
  writeManifest(files.manifest, {
    version: run.version,
    items: basename(files.items),
    members: memberFiles.map((f, k) => ({ model: basename(f.model), onnx: basename(f.onnx), sha256: sha256s[k]!, seed: dones[k]!.seed, valNdcg: dones[k]!.bestValNdcg, bestEpoch: dones[k]!.bestEpoch })),
  });
  const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
  const budgetEnded = budgetEndedNote(run, dones);
  const perMember = Object.fromEntries(dones.flatMap((m, k) => [[`member${k}ValNdcg`, m.bestValNdcg], [`member${k}BestEpoch`, m.bestEpoch]]));
  const trained = {
    // The members' mean validation NDCG (each member's below); the latest best epoch, the longest member's time and steps.
    valNdcg: mean(dones.map((m) => m.bestValNdcg)),
    bestEpoch: Math.max(...dones.map((m) => m.bestEpoch)),
    seconds: Math.max(...dones.map((m) => m.seconds)),
    steps: Math.max(...dones.map((m) => m.steps)),
    sequences: split.training.sequences.length,
    items: data.itemIds.length,
    members: dones.length,
    ...perMember,
  };
  d.registry.register({
    version: run.version,
    path: files.manifest,
    sha256: ensembleSha256(sha256s),
    metrics: trained,
    config: {
      ...start.members[0]!.model,
      epochs: run.epochs,
      refitEpochs: start.members[0]!.refitEpochs,
      windowDays: run.windowDays ?? null,
      sinceTs: run.sinceTs,
      untilSeq: run.untilSeq,
      textVersion: run.textVersion,
      from: run.from ?? null,
      ...(run.fromServingReason !== undefined ? { fromServingReason: run.fromServingReason } : {}),
      budgetSeconds: run.budgetSeconds ?? null,
      ...(budgetEnded !== undefined ? { budgetEnded } : {}),
      comparisonHoldout: COMPARISON_SCHEME,
      members: dones.length,
      seeds: dones.map((m) => m.seed),
      ...lossRecord(d, start.members[0]!.training, data.itemIds.length),
      ...(start.selection !== undefined ? { selected: start.selection.spec, selectionNdcg10: start.selection.ndcg10, selectionCases: start.selection.cases } : {}),
    },
  });
  const serving = d.registry.serving();
  const comparison = await beforeAfter(d, run.version, serving?.version, data.itemIds, split, ctx.signal);
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
    ...(run.fromServingReason !== undefined ? { fromServingReason: run.fromServingReason } : {}),
    ...(run.budgetSeconds !== undefined ? { budgetSeconds: run.budgetSeconds } : {}),
    ...(budgetEnded !== undefined ? { budgetEnded } : {}),
    read: data.read ?? null,
    ...(start.notes !== undefined && start.notes.length > 0 ? { notes: start.notes } : {}),
    ...(start.selection !== undefined ? { selection: start.selection } : {}),
    ...lossRecord(d, start.members[0]!.training, data.itemIds.length),
  };
}

/**
 * Before/after on the comparison shoppers, the same cases for both versions; only their count (0)
 * when the window had too few. It runs on the engine's thread: both versions load and score in
 * time slices (at 100k items, loading in one piece and scoring every case at once held the thread
 * for tens of seconds).
 */
async function beforeAfter(d: FineTuneDeps, version: string, servingVersion: string | undefined, itemIds: readonly string[], split: ComparisonSplit, signal?: AbortSignal): Promise<BeforeAfter | { comparisonCases: 0 }> {
  if (split.comparison === null) return { comparisonCases: 0 };
  const after = await d.load(version);
  const before = servingVersion !== undefined ? await d.load(servingVersion) : undefined;
  return compareVersions(after, before, itemIds, split.comparison, timeSlices(DEFAULT_SLICE_MS, signal).pause);
}

/** What the result says when the time budget ended a member's training (undefined when it ended none). */
function budgetEndedNote(run: FineTuneRun, dones: readonly MemberDone[]): string | undefined {
  const ended = dones.flatMap((m, k) => (m.budgetEnded !== undefined ? [{ k, b: m.budgetEnded }] : []));
  if (ended.length === 0) return undefined;
  const where = ended.map(({ k, b }) => `member ${k} in ${b.phase === 'refit' ? 'refit ' : ''}epoch ${b.epoch} (step ${b.step} of ${b.stepsPerEpoch})`).join(', ');
  return `the ${run.budgetSeconds ?? ended[0]!.b.budgetSeconds} s budget ended training: ${where}; each member kept its best validated epoch (or its refit weights so far), and no refit followed`;
}

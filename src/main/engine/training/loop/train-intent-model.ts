import { seededRandom } from '../../datasets/seeded-random';
import { saveCheckpoint, type TrainedIntentModel, type TrainingCheckpoint } from '../checkpoint/checkpoint';
import { packBatch, shuffledOrder } from '../data/batches';
import { splitForTraining } from '../data/training-sequences';
import { eventsForSplit } from '../data/event-split';
import type { TokenEvents } from '../data/session-events';
import { validateModelConfig, type IntentModelConfig, type TrainingConfig } from '../model/config';
import { catalogueVectors, trainStep, type ModelContext, type TouchedRows } from '../model/intent-model';
import { typescriptCatalogueOps, type CatalogueOps } from '../model/catalogue-ops';
import { ortCatalogueOps } from '../onnx/ort-catalogue-ops';
import { ortLinearOps } from '../onnx/ort-linear-ops';
import { typescriptLinearOps, type LinearOps } from '../model/linear-ops';
import type { TextTable } from '../model/item-vectors';
import { checkAttributeTable, type ItemAttributeTable } from '../model/item-attributes';
import { initParameters, ParameterSet } from '../model/parameters';
import { ADAM_DEFAULTS, adamStep, newAdamState, zeroGradSparse } from '../optimizer/adam';
import { LazyItemRows } from '../optimizer/lazy-item-rows';
import { TrainingCancelledError, type EpochRecord, type TrainingProgress } from './progress';
import { coldItemList, dropColdGradients, setColdBias } from './cold-items';
import { validationNdcg, validationNdcgBatched } from './validation';
import { FULL_SOFTMAX, validateLossConfig } from '../loss/loss-config';
import { NegativeSampler, targetCounts } from '../loss/negative-sampler';
import { nextTurn } from '../../workers/time-slices';

export interface TrainingJob {
  sequences: readonly Int32Array[];
  /** Each sequence's event types and gaps (same lengths); required when the model has `events`, ignored otherwise. */
  events?: readonly TokenEvents[];
  numItems: number;
  text: TextTable | null;
  /** Each item's attribute ids; required when the model has `useAttributes`, ignored otherwise. */
  attributes?: ItemAttributeTable | null;
  model: IntentModelConfig;
  training: TrainingConfig;
  /** Written after every epoch when set. */
  checkpointPath?: string;
  /** Continue from this checkpoint (its configuration wins over `model` / `training`). */
  resumeFrom?: TrainingCheckpoint;
  /**
   * Wall-clock seconds this run may train (a fine-tune job's budget). Checked before every step
   * (the run's first step always runs): when it is spent, the epoch ends there, is validated like
   * any other, the best validated parameters so far are the result, no refit follows (a refit
   * under way stops at that step and its weights are the result), and `budgetEnded` says where.
   */
  budgetSeconds?: number;
}

/** Where a run's time budget ended it. */
export interface BudgetStop {
  budgetSeconds: number;
  /** The epoch (the loop's numbering: refit epochs follow the validated ones) and its steps done of all. */
  epoch: number;
  step: number;
  stepsPerEpoch: number;
  phase: 'validated' | 'refit';
}

export interface TrainingHooks {
  onProgress?: (p: TrainingProgress) => void;
  signal?: AbortSignal;
}

export interface TrainingResult {
  model: TrainedIntentModel;
  history: EpochRecord[];
  bestEpoch: number;
  bestValNdcg: number;
  seconds: number;
  steps: number;
  /** Refit-phase epochs (not validated: they train on the validation items), in order. */
  refit: RefitRecord[];
  /** Set when `budgetSeconds` ended the run. */
  budgetEnded?: BudgetStop;
}

export interface RefitRecord {
  epoch: number;
  meanLoss: number;
  seconds: number;
}

/**
 * Trains the intent model: shuffled packed batches, a full or sampled softmax (`training.loss`), AdamW, validation NDCG@10 on
 * each sequence's held-out last item after every epoch, early stopping with the best epoch's
 * parameters returned; then, with `refitEpochs` > 0, a refit phase goes on from those parameters
 * on the whole sequences (held-out items included) and its weights are returned. `epochs` bounds
 * both phases together. Yields to the event loop after each step so an abort (or a worker message)
 * is seen at once; a cancelled run throws `TrainingCancelledError` and returns no model.
 */
export async function trainIntentModel(job: TrainingJob, hooks: TrainingHooks = {}): Promise<TrainingResult> {
  const started = performance.now();
  const resume = job.resumeFrom;
  const config = resume?.model.config ?? job.model;
  const training = resume?.training ?? job.training;
  validateModelConfig(config);
  const textDim = job.text?.dim ?? 0;
  const attributes = config.useAttributes === true ? (job.attributes ?? resume?.model.attributes ?? null) : null;
  if (config.useAttributes === true) {
    if (attributes === null) throw new Error('the model reads item attributes (attrs) but the training data has no attribute table');
    checkAttributeTable(attributes, job.numItems);
  }
  const attributeCount = attributes?.count ?? 0;
  const params = resume?.model.params ?? initParameters(config, job.numItems, textDim, training.seed, attributeCount);
  const ctx: ModelContext = { params, config, text: config.useText ? job.text : null, attributes };
  /** The trained model's record: what serving, export and checkpoints need besides the parameters. */
  const modelOf = (p: ParameterSet): TrainedIntentModel => ({ config, numItems: job.numItems, textDim, params: p, ...(attributes !== null ? { attributes } : {}) });
  const adam = resume?.adam ?? newAdamState(params);
  const adamOptions = { ...ADAM_DEFAULTS, learningRate: training.learningRate, weightDecay: training.weightDecay };
  const data = splitForTraining(job.sequences, job.numItems, config.maxLen);
  if (config.events === true && job.events === undefined) throw new Error('the model has event embeddings (events) but the training data has no event types and times');
  // Types and gaps of every training sequence and validation history, cut exactly as their items.
  const eventsOf = config.events === true ? eventsForSplit(job.sequences, job.events!, data, config.maxLen) : undefined;
  const cold = coldItemList(data.itemCounts);
  const valRandom = seededRandom(training.seed + 1);
  const valCases = training.validationUsers > 0 && data.validation.length > training.validationUsers
    ? Array.from(shuffledOrder(data.validation.length, valRandom).subarray(0, training.validationUsers), (i) => data.validation[i]!)
    : data.validation;
  const history: EpochRecord[] = resume ? [...resume.history] : [];
  let best = resume ? { epoch: resume.best.epoch, valNdcg: resume.best.valNdcg, values: resume.best.values } : { epoch: 0, valNdcg: -1, values: params.list.map((p) => p.value.slice()) };
  const stepsPerEpoch = Math.ceil(data.train.length / training.batchSize);
  let steps = 0;
  let lastVal: number | null = history.at(-1)?.valNdcg ?? null;
  const ops: CatalogueOps = training.engine === 'onnxruntime' ? await ortCatalogueOps(ctx.text, job.numItems, config.dim) : typescriptCatalogueOps(ctx.text, job.numItems, config.dim);
  const linear: LinearOps = training.engine === 'onnxruntime' ? await ortLinearOps() : typescriptLinearOps;
  // Per-epoch learning-rate decay (1 = constant); the refit phase goes on from the best epoch's rate.
  const lrAt = (epoch: number): number => training.learningRate * (training.lrDecay ?? 1) ** (epoch - 1);
  /** One pass over `seqs` in seeded shuffled order; returns the mean loss. */
  // A sampled softmax draws its negatives by the phase's own target counts (training rows; the whole sequences in the refit).
  const lossConfig = training.loss ?? FULL_SOFTMAX;
  validateLossConfig(lossConfig);
  const samplerFor = (seqs: readonly Int32Array[]): NegativeSampler | null => (lossConfig.kind === 'sampled' ? new NegativeSampler(lossConfig, targetCounts(seqs, job.numItems)) : null);
  const budgetEndsAt = job.budgetSeconds !== undefined ? started + job.budgetSeconds * 1000 : Number.POSITIVE_INFINITY;
  if (job.budgetSeconds !== undefined && !(job.budgetSeconds >= 0)) throw new Error(`budgetSeconds ${job.budgetSeconds} must be a number >= 0`);
  // Sparse steps (loss=sampled,sparse=1): item vectors for the step's items only, lazy Adam on the item tables.
  const sparse = lossConfig.kind === 'sampled' && lossConfig.sparse === true;
  // The rows the last sparse step touched (empty before the first: the first zeroing is whole).
  const touched: TouchedRows = { items: new Int32Array(0) };
  // Their momentum catch-up: a row's missed zero-gradient steps are applied before it is read and at each epoch's end.
  const lazyRows = sparse ? new LazyItemRows(job.numItems, adam.step) : null;
  let stepOptions = adamOptions;
  if (lazyRows !== null) touched.beforeRead = (items) => lazyRows.catchUp(params, adam, stepOptions, items);
  /** Set when the budget ended an epoch (the step it stopped before); the loop then stops. */
  const budget: { stop: { step: number; steps: number } | null } = { stop: null };
  const runEpoch = async (seqs: readonly Int32Array[], coldItems: Int32Array, streamSeed: number, epochLr: number, report: (step: number, steps: number, loss: number) => void, sampler: NegativeSampler | null): Promise<number> => {
    // Each epoch has its own stream, so a resumed run replays exactly what an unbroken run does.
    const random = seededRandom(streamSeed);
    const order = shuffledOrder(seqs.length, random);
    const n = Math.ceil(seqs.length / training.batchSize);
    let lossSum = 0;
    stepOptions = { ...adamOptions, learningRate: epochLr };
    // Every row is current when an epoch starts (the last one flushed, or the weights were just set).
    lazyRows?.reset(adam.step);
    for (let s = 0; s < n; s += 1) {
      if (hooks.signal?.aborted === true) throw new TrainingCancelledError();
      if (steps > 0 && performance.now() >= budgetEndsAt) {
        budget.stop = { step: s, steps: n };
        lazyRows?.flush(params, adam, stepOptions);
        return lossSum / Math.max(1, s);
      }
      // A sparse step writes the item tables' gradients on its touched rows only: zero just those (and every other parameter).
      if (sparse) zeroGradSparse(params, touched.items.length > 0 ? touched.items : null);
      else params.zeroGrad();
      const batch = packBatch(seqs, order, s * training.batchSize, training.batchSize, eventsOf);
      const loss = await trainStep(ctx, ops, linear, batch, random, sampler, sparse ? touched : null);
      dropColdGradients(params, coldItems, config.dim, config.useIds);
      adamStep(params, adam, stepOptions, sparse ? touched.items : undefined);
      lazyRows?.updated(touched.items, adam.step);
      lossSum += loss;
      steps += 1;
      report(s + 1, n, loss);
      await nextTurn();
    }
    // Validation, the best-epoch copy and the checkpoint read every row: bring them all up to date.
    lazyRows?.flush(params, adam, stepOptions);
    return lossSum / Math.max(1, n);
  };
  const refitPlanned = training.refitEpochs ?? 0;
  // `epochs` bounds the whole run: the validated phase leaves room for the refit epochs (at least one validated epoch).
  const startEpoch = resume?.epoch ?? 0;
  const mainCap = training.refitScratch === true ? training.epochs : Math.max(startEpoch + 1, training.epochs - refitPlanned);
  // A checkpoint written during the refit phase resumes there; one whose refit is complete starts a new run from its weights.
  const resumeInRefit = resume?.refit !== undefined && resume.epoch - resume.refit.from < resume.refit.count;
  // A checkpoint of a finished validated phase (stopped early) goes straight on to the refit.
  const mainFinished = resumeInRefit || (resume !== undefined && resume.refit === undefined && (resume.epoch - resume.best.epoch >= training.patience || resume.epoch >= mainCap));
  let lastEpoch = resumeInRefit ? resume.refit!.from : startEpoch;
  const refitHistory: RefitRecord[] = [];
  let refitted = false;
  let budgetEnded: BudgetStop | undefined;
  const trainSampler = samplerFor(data.train);
  try {
    for (let epoch = startEpoch + 1; !mainFinished && epoch <= mainCap; epoch += 1) {
      const epochStart = performance.now();
      const meanLoss = await runEpoch(data.train, cold, training.seed * 1000 + epoch, lrAt(epoch), (step, n, loss) => {
        const elapsed = (performance.now() - started) / 1000;
        const doneSteps = (epoch - 1) * stepsPerEpoch + step;
        const eta = (elapsed / steps) * (training.epochs * stepsPerEpoch - doneSteps);
        hooks.onProgress?.({ phase: 'step', epoch, step, stepsPerEpoch: n, loss, valNdcg: lastVal, etaSeconds: eta });
      }, trainSampler);
      if (budget.stop !== null && budget.stop.step === 0) {
        // Spent before this epoch's first step: nothing new to validate or record.
        budgetEnded = { budgetSeconds: job.budgetSeconds!, epoch, step: 0, stepsPerEpoch: budget.stop.steps, phase: 'validated' };
        break;
      }
      lastEpoch = epoch;
      const trainSeconds = (performance.now() - epochStart) / 1000;
      // On ONNX Runtime the catalogue is scored a block of cases per GEMM (at 100,000 items the one-by-one loop took minutes).
      const table = await catalogueVectors(ctx, ops);
      const valNdcg = training.engine === 'onnxruntime' ? await validationNdcgBatched(ctx, table, job.numItems, valCases, linear, eventsOf) : validationNdcg(ctx, table, job.numItems, valCases, eventsOf);
      lastVal = valNdcg;
      history.push({ epoch, meanLoss, valNdcg, seconds: (performance.now() - epochStart) / 1000, trainSeconds });
      if (valNdcg > best.valNdcg) best = { epoch, valNdcg, values: params.list.map((p) => p.value.slice()) };
      const remaining = (training.epochs - epoch) * stepsPerEpoch;
      const perStep = (performance.now() - started) / 1000 / Math.max(1, steps);
      hooks.onProgress?.({ phase: 'epoch', epoch, step: stepsPerEpoch, stepsPerEpoch, loss: meanLoss, valNdcg, etaSeconds: remaining * perStep });
      if (job.checkpointPath !== undefined) {
        saveCheckpoint(job.checkpointPath, { model: modelOf(params), training, epoch, history, best, adam });
      }
      const overTime = training.timeBudgetSeconds > 0 && (performance.now() - started) / 1000 > training.timeBudgetSeconds;
      if (budget.stop !== null) {
        budgetEnded = { budgetSeconds: job.budgetSeconds!, epoch, step: budget.stop.step, stepsPerEpoch: budget.stop.steps, phase: 'validated' };
        break;
      }
      if (epoch - best.epoch >= training.patience || overTime) break;
    }
    // Refit: each sequence's held-out last item is its most recent transition; learn it too.
    // A run the budget ended keeps its best validated parameters: no refit.
    const refitCount = budgetEnded !== undefined
      ? 0
      : resumeInRefit
        ? resume.refit!.count
        : training.refitScratch === true ? best.epoch : Math.max(0, Math.min(refitPlanned, training.epochs - lastEpoch));
    const refitDone = resumeInRefit ? resume.epoch - resume.refit!.from : 0;
    if (refitCount > 0) {
      const fullCold = coldItemList(data.fullCounts);
      if (resumeInRefit) {
        // params and optimiser state are the checkpoint's: go on where it stopped.
      } else if (training.refitScratch === true) {
        const fresh = initParameters(config, job.numItems, textDim, training.seed, attributeCount);
        params.list.forEach((p, k) => p.value.set(fresh.list[k]!.value));
        adam.step = 0;
        adam.m.forEach((m) => m.fill(0));
        adam.v.forEach((v) => v.fill(0));
      } else {
        params.list.forEach((p, k) => p.value.set(best.values[k]!));
      }
      const refitSteps = Math.ceil(data.full.length / training.batchSize);
      const refitSampler = samplerFor(data.full);
      for (let r = refitDone + 1; r <= refitCount; r += 1) {
        const epochStart = performance.now();
        const epoch = lastEpoch + r;
        const meanLoss = await runEpoch(data.full, fullCold, training.seed * 1000 + 500 + r, lrAt(training.refitScratch === true ? r : best.epoch + r), (step, n, loss) => {
          const elapsed = (performance.now() - started) / 1000;
          const eta = (elapsed / steps) * ((refitCount - r) * refitSteps + n - step);
          hooks.onProgress?.({ phase: 'step', epoch, step, stepsPerEpoch: n, loss, valNdcg: lastVal, etaSeconds: eta, refit: { epoch: r, of: refitCount } });
        }, refitSampler);
        if (budget.stop !== null && budget.stop.step === 0) {
          budgetEnded = { budgetSeconds: job.budgetSeconds!, epoch, step: 0, stepsPerEpoch: budget.stop.steps, phase: 'refit' };
          break;
        }
        refitHistory.push({ epoch, meanLoss, seconds: (performance.now() - epochStart) / 1000 });
        // The refit weights are the run's result from here on (what `bestModel` of a checkpoint returns).
        best = { epoch: best.epoch, valNdcg: best.valNdcg, values: params.list.map((p) => p.value.slice()) };
        if (job.checkpointPath !== undefined) {
          saveCheckpoint(job.checkpointPath, { model: modelOf(params), training, epoch, history, best, adam, refit: { from: lastEpoch, count: refitCount } });
        }
        if (budget.stop !== null) {
          budgetEnded = { budgetSeconds: job.budgetSeconds!, epoch, step: budget.stop.step, stepsPerEpoch: budget.stop.steps, phase: 'refit' };
          break;
        }
      }
      refitted = true;
    }
  } finally {
    await Promise.all([ops.dispose(), linear.dispose()]);
  }
  const finalParams = new ParameterSet();
  params.list.forEach((p, k) => finalParams.add(p.name, p.shape, best.values[k]!.slice()));
  if (refitted) setColdBias(finalParams.get('item.bias').value, data.fullCounts, coldItemList(data.fullCounts));
  else setColdBias(finalParams.get('item.bias').value, data.itemCounts, cold);
  return {
    model: modelOf(finalParams),
    history,
    bestEpoch: best.epoch,
    bestValNdcg: best.valNdcg,
    seconds: (performance.now() - started) / 1000,
    steps,
    refit: refitHistory,
    ...(budgetEnded !== undefined ? { budgetEnded } : {}),
  };
}

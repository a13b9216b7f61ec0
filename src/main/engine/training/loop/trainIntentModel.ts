import { seededRandom } from '../../eval/metrics/seededRandom';
import { saveCheckpoint, type TrainedIntentModel, type TrainingCheckpoint } from '../checkpoint/checkpoint';
import { packBatch, shuffledOrder } from '../data/batches';
import { splitForTraining } from '../data/trainingSequences';
import { validateModelConfig, type IntentModelConfig, type TrainingConfig } from '../model/config';
import { catalogueVectors, trainStep, type ModelContext } from '../model/intentModel';
import { typescriptCatalogueOps, type CatalogueOps } from '../model/catalogueOps';
import { ortCatalogueOps } from '../onnx/ortCatalogueOps';
import { ortLinearOps } from '../onnx/ortLinearOps';
import { typescriptLinearOps, type LinearOps } from '../model/linearOps';
import type { TextTable } from '../model/itemVectors';
import { initParameters, ParameterSet } from '../model/parameters';
import { ADAM_DEFAULTS, adamStep, newAdamState } from '../optimizer/adam';
import { TrainingCancelledError, type EpochRecord, type TrainingProgress } from './progress';
import { coldItemList, dropColdGradients, setColdBias } from './coldItems';
import { validationNdcg } from './validation';

export interface TrainingJob {
  sequences: readonly Int32Array[];
  numItems: number;
  text: TextTable | null;
  model: IntentModelConfig;
  training: TrainingConfig;
  /** Written after every epoch when set. */
  checkpointPath?: string;
  /** Continue from this checkpoint (its configuration wins over `model` / `training`). */
  resumeFrom?: TrainingCheckpoint;
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
}

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Trains the intent model: shuffled packed batches, sampled softmax, AdamW, validation NDCG@10 on
 * each sequence's held-out last item after every epoch, early stopping with the best epoch's
 * parameters returned. Yields to the event loop after each step so an abort (or a worker message)
 * is seen at once; a cancelled run throws `TrainingCancelledError` and returns no model.
 */
export async function trainIntentModel(job: TrainingJob, hooks: TrainingHooks = {}): Promise<TrainingResult> {
  const started = performance.now();
  const resume = job.resumeFrom;
  const config = resume?.model.config ?? job.model;
  const training = resume?.training ?? job.training;
  validateModelConfig(config);
  const textDim = job.text?.dim ?? 0;
  const params = resume?.model.params ?? initParameters(config, job.numItems, textDim, training.seed);
  const ctx: ModelContext = { params, config, text: config.useText ? job.text : null };
  const adam = resume?.adam ?? newAdamState(params);
  const adamOptions = { ...ADAM_DEFAULTS, learningRate: training.learningRate, weightDecay: training.weightDecay };
  const data = splitForTraining(job.sequences, job.numItems, config.maxLen);
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
  try {
    for (let epoch = (resume?.epoch ?? 0) + 1; epoch <= training.epochs; epoch += 1) {
      const epochStart = performance.now();
      // Each epoch has its own stream, so a resumed run replays exactly what an unbroken run does.
      const random = seededRandom(training.seed * 1000 + epoch);
      const order = shuffledOrder(data.train.length, random);
      let lossSum = 0;
      for (let s = 0; s < stepsPerEpoch; s += 1) {
        if (hooks.signal?.aborted === true) throw new TrainingCancelledError();
        params.zeroGrad();
        const batch = packBatch(data.train, order, s * training.batchSize, training.batchSize);
        const loss = await trainStep(ctx, ops, linear, batch, random);
        dropColdGradients(params, cold, config.dim, config.useIds);
        adamStep(params, adam, adamOptions);
        lossSum += loss;
        steps += 1;
        const elapsed = (performance.now() - started) / 1000;
        const doneSteps = (epoch - 1) * stepsPerEpoch + s + 1;
        const eta = (elapsed / steps) * (training.epochs * stepsPerEpoch - doneSteps);
        hooks.onProgress?.({ phase: 'step', epoch, step: s + 1, stepsPerEpoch, loss, valNdcg: lastVal, etaSeconds: eta });
        await yieldToEventLoop();
      }
      const valNdcg = validationNdcg(ctx, await catalogueVectors(ctx, ops), job.numItems, valCases);
      lastVal = valNdcg;
      history.push({ epoch, meanLoss: lossSum / stepsPerEpoch, valNdcg, seconds: (performance.now() - epochStart) / 1000 });
      if (valNdcg > best.valNdcg) best = { epoch, valNdcg, values: params.list.map((p) => p.value.slice()) };
      const remaining = (training.epochs - epoch) * stepsPerEpoch;
      const perStep = (performance.now() - started) / 1000 / Math.max(1, steps);
      hooks.onProgress?.({ phase: 'epoch', epoch, step: stepsPerEpoch, stepsPerEpoch, loss: lossSum / stepsPerEpoch, valNdcg, etaSeconds: remaining * perStep });
      if (job.checkpointPath !== undefined) {
        saveCheckpoint(job.checkpointPath, { model: { config, numItems: job.numItems, textDim, params }, training, epoch, history, best, adam });
      }
      const overTime = training.timeBudgetSeconds > 0 && (performance.now() - started) / 1000 > training.timeBudgetSeconds;
      if (epoch - best.epoch >= training.patience || overTime) break;
    }
  } finally {
    await Promise.all([ops.dispose(), linear.dispose()]);
  }
  const finalParams = new ParameterSet();
  params.list.forEach((p, k) => finalParams.add(p.name, p.shape, best.values[k]!.slice()));
  setColdBias(finalParams.get('item.bias').value, data.itemCounts, cold);
  return {
    model: { config, numItems: job.numItems, textDim, params: finalParams },
    history,
    bestEpoch: best.epoch,
    bestValNdcg: best.valNdcg,
    seconds: (performance.now() - started) / 1000,
    steps,
  };
}

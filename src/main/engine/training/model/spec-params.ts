import { MODEL_DEFAULTS, TRAINING_DEFAULTS, type IntentModelConfig, type TrainingConfig } from './config';
import { describeLoss, FULL_SOFTMAX, SAMPLED_SOFTMAX_DEFAULTS, validateLossConfig, type LossConfig } from '../loss/loss-config';

/** Parameters the `intent:` model spec accepts, e.g. `intent:d=64,blocks=2,epochs=20`. */
export const INTENT_SPEC_PARAMS = ['d', 'blocks', 'heads', 'ff', 'maxLen', 'dropout', 'ids', 'text', 'attrs', 'repeat', 'epochs', 'batch', 'lr', 'wd', 'patience', 'valUsers', 'seed', 'budget', 'refit', 'refitScratch', 'lrDecay', 'ensemble', 'engine', 'loss', 'neg', 'negPop', 'inBatch', 'logQ', 'sparse'];

function num(params: Record<string, string>, key: string, fallback: number): number {
  const raw = params[key];
  if (raw === undefined) return fallback;
  const v = Number(raw);
  if (!Number.isFinite(v) || v < 0) throw new Error(`intent parameter ${key}=${raw} is not a non-negative number`);
  return v;
}

function flag(params: Record<string, string>, key: string, fallback: boolean): boolean {
  const raw = params[key];
  if (raw === undefined) return fallback;
  if (raw !== '0' && raw !== '1') throw new Error(`intent parameter ${key}=${raw} must be 0 or 1`);
  return raw === '1';
}

/**
 * Models an evaluated `intent` spec averages (`ensemble=k`: k seeds, trained in parallel worker
 * threads, mean of scores; `ensemble=1` = one model trained in-process); not part of a single training run.
 */
export const ENSEMBLE_DEFAULT = 2;

export function ensembleFromSpec(params: Record<string, string>): number {
  const k = num(params, 'ensemble', ENSEMBLE_DEFAULT);
  if (!Number.isInteger(k) || k < 1) throw new Error(`intent parameter ensemble=${params.ensemble} must be a positive integer`);
  return k;
}

/**
 * `loss=full` (the default) or `loss=sampled` with `neg` drawn negatives per batch (2048),
 * `negPop` the popularity share of their proposal (0 = uniform), `inBatch` (1), `logQ` (1) and
 * `sparse` (0; 1 = item vectors for the step's items only and a lazy Adam on the item tables).
 */
export function lossFromSpec(params: Record<string, string>): LossConfig {
  const kind = params.loss ?? 'full';
  if (kind !== 'full' && kind !== 'sampled') throw new Error(`intent parameter loss=${kind} is not full|sampled`);
  const sampledKeys = ['neg', 'negPop', 'inBatch', 'logQ', 'sparse'].filter((k) => params[k] !== undefined);
  if (kind === 'full') {
    if (sampledKeys.length > 0) throw new Error(`intent parameter ${sampledKeys[0]} needs loss=sampled`);
    return FULL_SOFTMAX;
  }
  const d = SAMPLED_SOFTMAX_DEFAULTS;
  const loss: LossConfig = { kind: 'sampled', negatives: num(params, 'neg', d.negatives), popularityShare: num(params, 'negPop', d.popularityShare), inBatch: flag(params, 'inBatch', d.inBatch), logQ: flag(params, 'logQ', d.logQ), ...(flag(params, 'sparse', false) ? { sparse: true } : {}) };
  validateLossConfig(loss);
  return loss;
}

export function intentConfigsFromSpec(params: Record<string, string>): { model: IntentModelConfig; training: TrainingConfig } {
  const engine = params.engine ?? TRAINING_DEFAULTS.engine;
  if (engine !== 'onnxruntime' && engine !== 'typescript') throw new Error(`intent parameter engine=${engine} is not onnxruntime|typescript`);
  return {
    model: {
      dim: num(params, 'd', MODEL_DEFAULTS.dim),
      blocks: num(params, 'blocks', MODEL_DEFAULTS.blocks),
      heads: num(params, 'heads', MODEL_DEFAULTS.heads),
      ffMultiplier: num(params, 'ff', MODEL_DEFAULTS.ffMultiplier),
      maxLen: num(params, 'maxLen', MODEL_DEFAULTS.maxLen),
      dropout: num(params, 'dropout', MODEL_DEFAULTS.dropout),
      useIds: flag(params, 'ids', MODEL_DEFAULTS.useIds),
      useText: flag(params, 'text', MODEL_DEFAULTS.useText),
      repeatTerm: flag(params, 'repeat', MODEL_DEFAULTS.repeatTerm),
      useAttributes: flag(params, 'attrs', MODEL_DEFAULTS.useAttributes === true),
    },
    training: {
      epochs: num(params, 'epochs', TRAINING_DEFAULTS.epochs),
      batchSize: num(params, 'batch', TRAINING_DEFAULTS.batchSize),
      learningRate: num(params, 'lr', TRAINING_DEFAULTS.learningRate),
      weightDecay: num(params, 'wd', TRAINING_DEFAULTS.weightDecay),
      patience: num(params, 'patience', TRAINING_DEFAULTS.patience),
      validationUsers: num(params, 'valUsers', TRAINING_DEFAULTS.validationUsers),
      seed: num(params, 'seed', TRAINING_DEFAULTS.seed),
      timeBudgetSeconds: num(params, 'budget', TRAINING_DEFAULTS.timeBudgetSeconds),
      refitEpochs: num(params, 'refit', TRAINING_DEFAULTS.refitEpochs),
      refitScratch: flag(params, 'refitScratch', TRAINING_DEFAULTS.refitScratch),
      lrDecay: num(params, 'lrDecay', TRAINING_DEFAULTS.lrDecay),
      engine,
      ...(['loss', 'neg', 'negPop', 'inBatch', 'logQ', 'sparse'].some((k) => params[k] !== undefined) ? { loss: lossFromSpec(params) } : {}),
    },
  };
}

/** `intent(d=64,blocks=2,...)`: every hyperparameter, recorded with each result (a sampled softmax's loss last; the full one, the default, is not spelled out). */
export function describeIntent(model: IntentModelConfig, training: TrainingConfig): string {
  const m = model;
  const t = training;
  return `intent(d=${m.dim},blocks=${m.blocks},heads=${m.heads},ff=${m.ffMultiplier},maxLen=${m.maxLen},dropout=${m.dropout},ids=${m.useIds ? 1 : 0},text=${m.useText ? 1 : 0},attrs=${m.useAttributes === true ? 1 : 0},repeat=${m.repeatTerm ? 1 : 0},epochs=${t.epochs},batch=${t.batchSize},lr=${t.learningRate},wd=${t.weightDecay},patience=${t.patience},valUsers=${t.validationUsers},seed=${t.seed},budget=${t.timeBudgetSeconds},refit=${t.refitEpochs ?? 0},refitScratch=${t.refitScratch === true ? 1 : 0},lrDecay=${t.lrDecay ?? 1}${t.loss !== undefined && t.loss.kind === 'sampled' ? `,loss=${describeLoss(t.loss)}` : ''})`;
}

/** The evaluated model's recorded name: `describeIntent` plus the member count, e.g. `intent(...,lrDecay=1,ensemble=2)`. */
export function describeIntentEnsemble(model: IntentModelConfig, training: TrainingConfig, ensemble: number): string {
  return `${describeIntent(model, training).slice(0, -1)},ensemble=${ensemble})`;
}

import type { AdamState } from '../optimizer/adam';
import type { IntentModelConfig, TrainingConfig } from '../model/config';
import { ParameterSet } from '../model/parameters';
import type { EpochRecord } from '../loop/progress';
import { CorruptCheckpointError, readTensorFile, writeTensorFile, type NamedTensor } from './tensor-file';
import type { ItemAttributeTable } from '../model/item-attributes';
import { attributeTensors, readAttributeTable } from './attribute-tensors';

/** A trained model: its configuration and parameters (what export and serving need). */
export interface TrainedIntentModel {
  config: IntentModelConfig;
  numItems: number;
  textDim: number;
  params: ParameterSet;
  /** Each item's attribute ids, for a model with `useAttributes` (stored with it: serving and export need them). */
  attributes?: ItemAttributeTable;
}

/** Everything needed to continue a run where it stopped. */
export interface TrainingCheckpoint {
  model: TrainedIntentModel;
  training: TrainingConfig;
  epoch: number;
  history: EpochRecord[];
  best: { epoch: number; valNdcg: number; values: Float32Array[] };
  adam: AdamState;
  /**
   * Set once the refit phase has begun: it started after validated epoch `from` and runs `count`
   * epochs (`epoch - from` of them done). `best.values` are then the refit weights.
   */
  refit?: { from: number; count: number };
}

interface CheckpointMeta {
  kind: 'intent-checkpoint';
  config: IntentModelConfig;
  training: TrainingConfig;
  numItems: number;
  textDim: number;
  epoch: number;
  history: EpochRecord[];
  bestEpoch: number;
  bestValNdcg: number;
  adamStep: number;
  paramNames: string[];
  refit?: { from: number; count: number };
}

export function saveCheckpoint(path: string, ckpt: TrainingCheckpoint): void {
  const { model } = ckpt;
  const list = model.params.list;
  const meta: CheckpointMeta = {
    kind: 'intent-checkpoint',
    config: model.config,
    training: ckpt.training,
    numItems: model.numItems,
    textDim: model.textDim,
    epoch: ckpt.epoch,
    history: ckpt.history,
    bestEpoch: ckpt.best.epoch,
    bestValNdcg: ckpt.best.valNdcg,
    adamStep: ckpt.adam.step,
    paramNames: list.map((p) => p.name),
    ...(ckpt.refit !== undefined ? { refit: ckpt.refit } : {}),
  };
  const tensors: NamedTensor[] = [];
  list.forEach((p, k) => {
    const shape = [...p.shape];
    tensors.push({ name: `param/${p.name}`, shape, data: p.value });
    tensors.push({ name: `best/${p.name}`, shape, data: ckpt.best.values[k]! });
    tensors.push({ name: `adam.m/${p.name}`, shape, data: ckpt.adam.m[k]! });
    tensors.push({ name: `adam.v/${p.name}`, shape, data: ckpt.adam.v[k]! });
  });
  tensors.push(...attributeTensors(model.attributes));
  writeTensorFile(path, meta, tensors);
}

export function loadCheckpoint(path: string): TrainingCheckpoint {
  const { meta, tensors } = readTensorFile(path);
  const m = meta as Partial<CheckpointMeta>;
  if (m.kind !== 'intent-checkpoint' || m.config === undefined || m.training === undefined || !Array.isArray(m.paramNames)) {
    throw new CorruptCheckpointError(path, 'header is not an intent-model checkpoint');
  }
  const take = (name: string): NamedTensor => {
    const t = tensors.get(name);
    if (t === undefined) throw new CorruptCheckpointError(path, `tensor ${name} is missing`);
    return t;
  };
  const params = new ParameterSet();
  const best: Float32Array[] = [];
  const adamM: Float32Array[] = [];
  const adamV: Float32Array[] = [];
  for (const name of m.paramNames) {
    const t = take(`param/${name}`);
    params.add(name, t.shape, t.data);
    best.push(take(`best/${name}`).data);
    adamM.push(take(`adam.m/${name}`).data);
    adamV.push(take(`adam.v/${name}`).data);
  }
  return {
    model: withAttributes({ config: m.config, numItems: m.numItems ?? 0, textDim: m.textDim ?? 0, params }, readAttributeTable(path, tensors)),
    training: m.training,
    epoch: m.epoch ?? 0,
    history: m.history ?? [],
    best: { epoch: m.bestEpoch ?? 0, valNdcg: m.bestValNdcg ?? 0, values: best },
    adam: { step: m.adamStep ?? 0, m: adamM, v: adamV },
    ...(m.refit !== undefined ? { refit: m.refit } : {}),
  };
}

/** The best parameters of a checkpoint as a standalone model. */
export function bestModel(ckpt: TrainingCheckpoint): TrainedIntentModel {
  const params = new ParameterSet();
  ckpt.model.params.list.forEach((p, k) => params.add(p.name, p.shape, ckpt.best.values[k]!.slice()));
  return { ...ckpt.model, params };
}

function withAttributes(model: TrainedIntentModel, attributes: ItemAttributeTable | undefined): TrainedIntentModel {
  return attributes === undefined ? model : { ...model, attributes };
}

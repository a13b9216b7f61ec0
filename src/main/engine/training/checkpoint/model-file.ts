import type { IntentModelConfig } from '../model/config';
import { ParameterSet } from '../model/parameters';
import type { TrainedIntentModel } from './checkpoint';
import { CorruptCheckpointError, readTensorFile, readTensorFileAsync, writeTensorFile } from './tensor-file';
import { attributeTensors, readAttributeTable } from './attribute-tensors';

interface ModelMeta {
  kind: 'intent-model';
  config: IntentModelConfig;
  numItems: number;
  textDim: number;
  paramNames: string[];
}

/** A trained model alone (no optimiser state): same container as checkpoints, kind `intent-model`. */
export function saveModel(path: string, model: TrainedIntentModel): void {
  const meta: ModelMeta = { kind: 'intent-model', config: model.config, numItems: model.numItems, textDim: model.textDim, paramNames: model.params.list.map((p) => p.name) };
  writeTensorFile(path, meta, [...model.params.list.map((p) => ({ name: p.name, shape: [...p.shape], data: p.value })), ...attributeTensors(model.attributes)]);
}

export function loadModel(path: string): TrainedIntentModel {
  return modelOf(path, readTensorFile(path));
}

/** `loadModel` a step at a time (`readTensorFileAsync`): for the engine's thread. */
export async function loadModelAsync(path: string, pause: () => Promise<void>): Promise<TrainedIntentModel> {
  return modelOf(path, await readTensorFileAsync(path, pause));
}

function modelOf(path: string, { meta, tensors }: ReturnType<typeof readTensorFile>): TrainedIntentModel {
  const m = meta as Partial<ModelMeta>;
  if (m.kind !== 'intent-model' || m.config === undefined || !Array.isArray(m.paramNames)) throw new CorruptCheckpointError(path, 'header is not an intent model');
  const params = new ParameterSet();
  for (const name of m.paramNames) {
    const t = tensors.get(name);
    if (t === undefined) throw new CorruptCheckpointError(path, `tensor ${name} is missing`);
    params.add(name, t.shape, t.data);
  }
  const attributes = readAttributeTable(path, tensors);
  return { config: m.config, numItems: m.numItems ?? 0, textDim: m.textDim ?? 0, params, ...(attributes !== undefined ? { attributes } : {}) };
}

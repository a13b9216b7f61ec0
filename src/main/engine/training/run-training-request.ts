import { writeFileSync } from 'node:fs';
import { loadCheckpoint } from './checkpoint/checkpoint';
import { saveModel } from './checkpoint/model-file';
import { TrainingCancelledError } from './loop/progress';
import { trainIntentModel } from './loop/train-intent-model';
import { exportIntentOnnx } from './onnx/export-intent-onnx';
import type { TrainRequest, WorkerMessage } from './training-messages';

/**
 * Runs one training request and reports through `post`: progress after every step, then exactly
 * one of done / cancelled / error. The worker entry point is a thin wrapper around this.
 */
export async function runTrainingRequest(request: TrainRequest, post: (m: WorkerMessage) => void, signal: AbortSignal): Promise<void> {
  try {
    const resumeFrom = request.resumeFromPath !== undefined ? loadCheckpoint(request.resumeFromPath) : undefined;
    const result = await trainIntentModel(
      { sequences: request.sequences, events: request.events, numItems: request.numItems, text: request.text, attributes: request.attributes, model: request.model, training: request.training, checkpointPath: request.checkpointPath, resumeFrom, ...(request.budgetSeconds !== undefined ? { budgetSeconds: request.budgetSeconds } : {}) },
      { signal, onProgress: (progress) => post({ type: 'progress', progress }) },
    );
    if (request.modelPath !== undefined) saveModel(request.modelPath, result.model);
    if (request.onnxPath !== undefined) writeFileSync(request.onnxPath, exportIntentOnnx(result.model, request.text));
    post({
      type: 'done',
      history: result.history,
      bestEpoch: result.bestEpoch,
      bestValNdcg: result.bestValNdcg,
      seconds: result.seconds,
      steps: result.steps,
      refit: result.refit,
      ...(result.budgetEnded !== undefined ? { budgetEnded: result.budgetEnded } : {}),
      params: result.model.params.list.map((p) => ({ name: p.name, shape: [...p.shape], data: p.value })),
      modelPath: request.modelPath,
      onnxPath: request.onnxPath,
    });
  } catch (err) {
    if (err instanceof TrainingCancelledError) post({ type: 'cancelled' });
    else post({ type: 'error', message: err instanceof Error ? err.message : String(err) });
  }
}

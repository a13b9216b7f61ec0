import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { ContractError } from '../../../shared/contract';
import { loadCheckpoint, saveCheckpoint } from '../training/checkpoint/checkpoint';
import { join } from 'node:path';
import type { Job } from '../../../shared/contract';
import type { JobContext, JobRunner } from '../jobs/job-runner';
import type { ItemVectorRepository } from '../store';
import type { Database } from 'better-sqlite3';
import { MODEL_DEFAULTS, TRAINING_DEFAULTS, type IntentModelConfig, type TrainingConfig } from '../training/model/config';
import type { TrainRequest, WorkerMessage } from '../training/trainingMessages';
import type { IntentModelRegistry } from './intent-model-registry';
import { heldOutNdcg } from './before-after';
import type { ServingIntentModel } from './serving-intent-model';
import { storeTrainingData } from './store-training-data';
import { startTrainWorker } from './train-worker-process';

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
}

/**
 * A fine-tuning job: the store's recent behaviour -> a worker thread that trains the intent head
 * over the frozen text vectors -> a registered (not yet serving) model version. A cancelled or
 * failed run registers nothing and leaves the serving model as it was.
 */
export function startFineTune(d: FineTuneDeps, params: { epochs: number; windowDays?: number; fromServing: boolean }): Job {
  const base = d.registry.serving();
  if (params.fromServing && !base) throw new ContractError('conflict', 'fromServing: no intent model serves yet; train from scratch first', [{ path: 'fromServing', message: 'nothing serves' }]);
  return d.jobs.start('fine-tune', { ...params, ...(params.fromServing ? { from: base!.version } : {}) }, async (ctx) => {
    const sinceTs = params.windowDays === undefined ? 0 : Date.now() - params.windowDays * 86_400_000;
    const data = storeTrainingData(d.db, d.vectors, d.textVersion(), sinceTs);
    if (data.sequences.length < 10) throw new Error(`only ${data.sequences.length} shoppers with two or more item events in the window: too few to train on`);
    const version = `intent-${new Date().toISOString().replace(/[-:T]/g, '').slice(0, 14)}-${createHash('sha1').update(String(Math.random())).digest('hex').slice(0, 6)}`;
    mkdirSync(d.modelDir, { recursive: true });
    const modelPath = join(d.modelDir, `${version}.model`);
    const resumeFromPath = params.fromServing ? continueFrom(d.registry.pathOf(base!.version), data.itemIds, params.epochs, join(d.modelDir, `${version}.start.ckpt`)) : undefined;
    const request: TrainRequest = {
      type: 'train',
      sequences: data.sequences,
      numItems: data.itemIds.length,
      text: data.text,
      model: { ...MODEL_DEFAULTS, useText: data.text !== null, ...d.modelConfig },
      training: { ...TRAINING_DEFAULTS, validationUsers: 2000, ...d.trainingConfig, epochs: params.epochs },
      modelPath,
      onnxPath: join(d.modelDir, `${version}.onnx`),
      checkpointPath: join(d.modelDir, `${version}.ckpt`),
      ...(resumeFromPath ? { resumeFromPath } : {}),
    };
    const done = await runInWorker(request, ctx);
    // The item order is part of the model: keep it beside the weights.
    writeFileSync(join(d.modelDir, `${version}.items.json`), JSON.stringify(data.itemIds));
    const sha256 = createHash('sha256').update(readFileSync(modelPath)).digest('hex');
    const trained = { valNdcg: done.bestValNdcg, bestEpoch: done.bestEpoch, seconds: done.seconds, steps: done.steps, sequences: data.sequences.length, items: data.itemIds.length };
    d.registry.register({
      version,
      path: modelPath,
      sha256,
      metrics: trained,
      config: { ...request.model, epochs: params.epochs, windowDays: params.windowDays ?? null, sinceTs, textVersion: d.textVersion(), from: params.fromServing ? base!.version : null },
    });
    // Before/after on one window: the new version and the serving one on the same held-out items.
    const after = heldOutNdcg(d.load(version), data.itemIds, data.sequences);
    const serving = d.registry.serving();
    const before = serving ? heldOutNdcg(d.load(serving.version), data.itemIds, data.sequences) : undefined;
    const comparison = { afterNdcg10: after.ndcg10, comparisonCases: after.cases, ...(before ? { beforeNdcg10: before.ndcg10 } : {}) };
    d.registry.updateMetrics(version, { ...trained, ...comparison });
    return { version, ...trained, ...comparison, ...(serving ? { comparedWith: serving.version } : {}) };
  });
}

/**
 * A checkpoint that starts at the serving version's best weights and runs `epochs` more epochs,
 * judged afresh on the new window's validation items (the old best score does not carry over).
 */
function continueFrom(servingModelPath: string, itemIds: readonly string[], epochs: number, out: string): string {
  const ckptPath = servingModelPath.replace(/\.model$/, '.ckpt');
  if (!existsSync(ckptPath)) throw new Error(`${ckptPath}: the serving version has no training checkpoint to continue from`);
  // Item ids are positions in the model: the catalogue must be the one it was trained on.
  const trainedOn = JSON.parse(readFileSync(servingModelPath.replace(/\.model$/, '.items.json'), 'utf8')) as string[];
  if (trainedOn.length !== itemIds.length || trainedOn.some((id, i) => id !== itemIds[i])) {
    throw new Error(`the catalogue changed since the serving version was trained (${trainedOn.length} items then, ${itemIds.length} now): train from scratch`);
  }
  const ckpt = loadCheckpoint(ckptPath);
  ckpt.model.params.list.forEach((p, k) => p.value.set(ckpt.best.values[k]!));
  saveCheckpoint(out, {
    ...ckpt,
    training: { ...ckpt.training, epochs: ckpt.epoch + epochs },
    best: { epoch: ckpt.epoch, valNdcg: -1, values: ckpt.best.values.map((v) => v.slice()) },
  });
  return out;
}

type Done = Extract<WorkerMessage, { type: 'done' }>;

function runInWorker(request: TrainRequest, ctx: JobContext): Promise<Done> {
  const worker = startTrainWorker();
  return new Promise<Done>((resolve, reject) => {
    const onAbort = (): void => worker.postMessage({ type: 'cancel' });
    ctx.signal.addEventListener('abort', onAbort);
    const finish = (): void => {
      ctx.signal.removeEventListener('abort', onAbort);
      void worker.terminate();
    };
    worker.on('message', (m: WorkerMessage) => {
      if (m.type === 'progress') {
        const p = m.progress;
        const total = p.stepsPerEpoch * request.training.epochs;
        const done = (p.epoch - 1) * p.stepsPerEpoch + p.step;
        ctx.report({ done, total, rate: 0, etaSeconds: p.etaSeconds, message: `epoch ${p.epoch}`, metrics: { epoch: p.epoch, loss: p.loss, ...(p.valNdcg !== null ? { valNdcg: p.valNdcg } : {}) } });
      } else if (m.type === 'done') {
        finish();
        resolve(m);
      } else {
        finish();
        reject(new Error(m.type === 'cancelled' ? 'cancelled' : m.message));
      }
    });
    worker.on('error', (err) => {
      finish();
      reject(err);
    });
    worker.postMessage(request);
  });
}

import { join } from 'node:path';
import { loadCheckpoint, saveCheckpoint, type TrainedIntentModel } from '../checkpoint/checkpoint';
import { loadModel } from '../checkpoint/model-file';
import type { TrainingProgress } from '../loop/progress';
import { shareRequestInputs, trainMembers, type MemberTrainer } from '../loop/train-members';
import type { IntentModelConfig, TrainingConfig } from '../model/config';
import type { TrainRequest } from '../training-messages';
import type { SelectionData } from './selection-data';

/** One training run of a selection, kept on disk between stages so a later stage goes on from it. */
export interface TrialRun {
  id: string;
  model: IntentModelConfig;
  training: TrainingConfig;
  checkpoint: string;
  modelFile: string;
  /** Validated epochs trained so far, and whether early stopping has ended the run. */
  epochs: number;
  stopped: boolean;
  bestEpoch: number;
  /** Wall seconds of its training so far (all stages). */
  seconds: number;
}

/** A stage's order for one run: train it to `epochs` validated epochs, or refit it for `refit` epochs. */
export type TrialStep = { run: TrialRun; epochs: number; timeBudgetSeconds?: number } | { run: TrialRun; refit: number };

export interface TrialRunnerOptions {
  dir: string;
  parallel: number;
  signal?: AbortSignal;
  trainMember?: MemberTrainer;
  onProgress?: (run: TrialRun, progress: TrainingProgress) => void;
}

/**
 * Trains selection runs a few at a time (one worker thread each, `trainMembers`): a new run from
 * scratch, or an existing one resumed from its checkpoint with a higher epoch bound (successive
 * halving's next rung), or its refit phase. Every run writes its checkpoint after each epoch and
 * its model (best validated weights, or the refit weights) when the step ends.
 */
export class TrialRunner {
  private readonly base: TrainRequest;

  constructor(
    data: SelectionData,
    private readonly options: TrialRunnerOptions,
  ) {
    this.base = shareRequestInputs({
      type: 'train',
      sequences: [...data.sequences],
      events: data.events === undefined ? undefined : [...data.events],
      numItems: data.numItems,
      text: data.text,
      attributes: data.attributes,
      model: { dim: 1, blocks: 0, heads: 1, ffMultiplier: 1, maxLen: 1, dropout: 0, useIds: true, useText: false, repeatTerm: false },
      training: { epochs: 1, batchSize: 1, learningRate: 0, weightDecay: 0, engine: 'typescript', patience: 1, validationUsers: 0, seed: 0, timeBudgetSeconds: 0, refitEpochs: 0, refitScratch: false, lrDecay: 1 },
    });
  }

  newRun(id: string, model: IntentModelConfig, training: TrainingConfig): TrialRun {
    const file = (suffix: string): string => join(this.options.dir, `${id.replace(/[^A-Za-z0-9_-]+/g, '_')}${suffix}`);
    return { id, model, training: { ...training, refitEpochs: 0, refitScratch: false }, checkpoint: file('.ckpt'), modelFile: file('.model'), epochs: 0, stopped: false, bestEpoch: 0, seconds: 0 };
  }

  /**
   * Runs the steps, `parallel` at a time; each run's record is updated, and its trained model
   * returned in step order. A run that early stopping has ended, or that already has the epochs a
   * step asks for, is not trained again (a resume always trains at least one more epoch): its
   * model is read back as it is.
   */
  async run(steps: readonly TrialStep[]): Promise<TrainedIntentModel[]> {
    const done = (step: TrialStep): boolean => !('refit' in step) && (step.run.stopped || step.epochs <= step.run.epochs);
    const toTrain = steps.filter((step) => !done(step));
    const trained = await this.train(toTrain);
    return steps.map((step) => (done(step) ? loadModel(step.run.modelFile) : trained.get(step)!));
  }

  private async train(steps: readonly TrialStep[]): Promise<Map<TrialStep, TrainedIntentModel>> {
    const models = new Map<TrialStep, TrainedIntentModel>();
    for (let from = 0; from < steps.length; from += this.options.parallel) {
      const batch = steps.slice(from, from + this.options.parallel);
      const requests = batch.map((step) => this.request(step));
      const dones = await trainMembers(requests, {
        signal: this.options.signal,
        trainMember: this.options.trainMember,
        onProgress: (m, p) => this.options.onProgress?.(batch[m]!.run, p),
      });
      dones.forEach((done, m) => {
        const step = batch[m]!;
        const run = step.run;
        run.seconds += done.seconds;
        if (!('refit' in step)) {
          const trained = done.history.at(-1)?.epoch ?? run.epochs;
          run.stopped = trained < step.epochs || trained - done.bestEpoch >= run.training.patience;
          run.epochs = trained;
          run.bestEpoch = done.bestEpoch;
        }
        models.set(step, loadModel(done.modelPath!));
      });
    }
    return models;
  }

  private request(step: TrialStep): TrainRequest {
    const { run } = step;
    const modelPath = 'refit' in step ? run.modelFile.replace(/\.model$/, '.refit.model') : run.modelFile;
    const common = { ...this.base, model: run.model, modelPath, onnxPath: undefined };
    if ('refit' in step) {
      // Go on from the best validated epoch for `refit` epochs on the whole sequences (patience 0 ends the validated phase at once).
      const training = { ...run.training, epochs: run.epochs + step.refit, refitEpochs: step.refit, patience: 0 };
      this.rewriteCheckpoint(run, training);
      return { ...common, training, resumeFromPath: run.checkpoint, checkpointPath: run.checkpoint.replace(/\.ckpt$/, '.refit.ckpt') };
    }
    const training = { ...run.training, epochs: step.epochs, timeBudgetSeconds: step.timeBudgetSeconds ?? 0 };
    if (run.epochs === 0) return { ...common, training, checkpointPath: run.checkpoint };
    this.rewriteCheckpoint(run, training);
    return { ...common, training, resumeFromPath: run.checkpoint, checkpointPath: run.checkpoint };
  }

  /** A checkpoint's own training configuration wins on resume: raise its epoch bound (or set the refit) there. */
  private rewriteCheckpoint(run: TrialRun, training: TrainingConfig): void {
    const ckpt = loadCheckpoint(run.checkpoint);
    saveCheckpoint(run.checkpoint, { ...ckpt, training });
  }
}

import { existsSync, readFileSync } from 'node:fs';
import { ContractError, type Job } from '../../../shared/contract';
import { loadCheckpoint, type TrainingCheckpoint } from '../training/checkpoint/checkpoint';
import { CorruptCheckpointError } from '../training/checkpoint/tensorFile';
import { assertSameCatalogue } from './continue-from';
import { trainAndRegister, type FineTuneDeps } from './finetune-job';
import { splitComparisonShoppers } from './comparison-shoppers';
import { FineTuneRun, refitOnTop, runFiles, trainingDataDifference, trainingDataRecord, type TrainingDataRecord } from './finetune-run';
import { storeTrainingData } from './store-training-data';

function refuse(message: string, issue: string): ContractError {
  return new ContractError('conflict', `jobId: ${message}`, [{ path: 'jobId', message: issue }]);
}

function readCheckpoint(path: string, jobId: string): TrainingCheckpoint {
  if (!existsSync(path)) throw refuse(`${path} does not exist: job ${jobId} stopped before its first epoch finished, so there is nothing to resume; start a new run`, 'no checkpoint');
  try {
    return loadCheckpoint(path);
  } catch (err) {
    if (err instanceof CorruptCheckpointError) throw refuse(`${err.message}; start a new run`, 'corrupt checkpoint');
    throw err;
  }
}

/**
 * Continues a cancelled, failed or interrupted fine-tune job from its last per-epoch checkpoint,
 * as a new job whose params name it (`resumes`). The events are read within the window the first
 * run fixed, and refused when they, the catalogue or the text vectors no longer give the same
 * data; progress picks up at the next epoch of the job's own total; on success the version is
 * registered exactly as a fresh run registers it. A resumed job that stops can be resumed again.
 */
export function resumeFineTune(d: FineTuneDeps, jobId: string): Job {
  const old = d.jobs.get(jobId);
  if (!old) throw new ContractError('not_found', `jobId: no job ${jobId}`, [{ path: 'jobId', message: 'not found' }]);
  if (old.kind !== 'fine-tune') throw refuse(`job ${jobId} is a ${old.kind} job; only fine-tune jobs can be resumed`, 'not a fine-tune job');
  if (old.status === 'running') throw refuse(`job ${jobId} is still running`, 'still running');
  if (old.status === 'succeeded') throw refuse(`job ${jobId} already succeeded (version ${String(old.result?.version ?? '?')}); start a new run to train further`, 'already succeeded');
  const parsed = FineTuneRun.safeParse(old.params);
  if (!parsed.success) throw refuse(`job ${jobId} recorded no version and event window (it predates resumable runs); start a new run`, 'not resumable');
  const run = parsed.data;
  if (d.registry.get(run.version)) throw refuse(`version ${run.version} of job ${jobId} is already registered`, 'already registered');
  if (d.jobs.isRunning('fine-tune')) throw new ContractError('conflict', 'a fine-tune job is already running');

  const files = runFiles(d.modelDir, run.version);
  const ckpt = readCheckpoint(files.checkpoint, jobId);
  for (const path of [files.items, files.data]) {
    if (!existsSync(path)) throw refuse(`${path} does not exist: the record of what job ${jobId} trained on is gone; start a new run`, 'no data record');
  }
  const data = storeTrainingData(d.db, d.vectors, run.textVersion, run);
  try {
    assertSameCatalogue(files.items, data.itemIds, `job ${jobId} started`, 'it cannot be resumed; start a new run');
  } catch (err) {
    throw refuse(err instanceof Error ? err.message : String(err), 'catalogue changed');
  }
  // The same shoppers are held out for the comparison (the split depends on the shoppers only), and the record says so.
  const split = splitComparisonShoppers(data);
  const difference = trainingDataDifference(JSON.parse(readFileSync(files.data, 'utf8')) as TrainingDataRecord, trainingDataRecord(data, split));
  if (difference) throw refuse(`the training data of job ${jobId} cannot be rebuilt: ${difference}; start a new run`, 'data changed');

  // The checkpoint's configuration wins; its total epochs are an incremental run's lineage + the job's validated epochs + the refit.
  const refitEpochs = refitOnTop(ckpt.training);
  const epochOffset = ckpt.training.epochs - run.epochs - refitEpochs;
  return d.jobs.start('fine-tune', { ...old.params, resumes: jobId }, (ctx) =>
    trainAndRegister(d, run, { data, split }, ctx, {
      model: ckpt.model.config,
      training: ckpt.training,
      epochOffset,
      refitEpochs,
      resumeFromPath: files.checkpoint,
      resumedAfterEpoch: ckpt.epoch - epochOffset,
    }),
  );
}

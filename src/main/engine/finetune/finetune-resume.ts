import { existsSync, readFileSync } from 'node:fs';
import { ContractError, type Job } from '../../../shared/contract';
import { loadCheckpoint, type TrainingCheckpoint } from '../training/checkpoint/checkpoint';
import { CorruptCheckpointError } from '../training/checkpoint/tensor-file';
import { assertSameCatalogue } from './continue-from';
import { freshConfig, trainAndRegister, type FineTuneDeps, type MemberDone, type MemberStart } from './finetune-job';
import { splitComparisonShoppers } from './comparison-shoppers';
import { FineTuneRun, memberFilesOf, refitOnTop, runFiles, trainingDataDifference, trainingDataRecord, type TrainingDataRecord } from './finetune-run';
import { storeTrainingDataAsync } from './store-training-data';
import type { SelectedRun } from './finetune-selection';

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
 * data; each ensemble member picks up at the next epoch of its own checkpoint (a member that had
 * finished is not trained again, one with no checkpoint yet starts fresh from its seed), and the
 * job's progress at the slowest member's; on success the version is registered exactly as a fresh
 * run registers it. A resumed job that stops can be resumed again.
 */
export async function resumeFineTune(d: FineTuneDeps, jobId: string): Promise<Job> {
  const old = d.jobs.get(jobId);
  if (!old) throw new ContractError('not_found', `jobId: no job ${jobId}`, [{ path: 'jobId', message: 'not found' }]);
  if (old.kind !== 'fine-tune') throw refuse(`job ${jobId} is a ${old.kind} job; only fine-tune jobs can be resumed`, 'not a fine-tune job');
  if (old.status === 'running') throw refuse(`job ${jobId} is still running`, 'still running');
  if (old.status === 'succeeded') throw refuse(`job ${jobId} already succeeded (version ${String(old.result?.version ?? '?')}); start a new run to train further`, 'already succeeded');
  const parsed = FineTuneRun.safeParse(old.params);
  if (!parsed.success) throw refuse(`job ${jobId} recorded no version and event window (it predates resumable runs); start a new run`, 'not resumable');
  // An automatic run's choice (configuration, member count) was written when it was made; a resume trains that.
  const selectionFile = runFiles(d.modelDir, parsed.data.version).selection;
  const selected = parsed.data.config === 'auto' && existsSync(selectionFile) ? (JSON.parse(readFileSync(selectionFile, 'utf8')) as SelectedRun) : undefined;
  if (parsed.data.config === 'auto' && selected === undefined) throw refuse(`job ${jobId} stopped while choosing its configuration, before any member trained; start a new run`, 'no checkpoint');
  const run = selected !== undefined ? { ...parsed.data, members: selected.members } : parsed.data;
  if (d.registry.get(run.version)) throw refuse(`version ${run.version} of job ${jobId} is already registered`, 'already registered');
  if (d.jobs.isRunning('fine-tune')) throw new ContractError('conflict', 'a fine-tune job is already running');

  const files = runFiles(d.modelDir, run.version);
  const memberFiles = memberFilesOf(files, run);
  // Each member: finished (model and done record there: not trained again), or its last checkpoint.
  const states = memberFiles.map((f) => {
    if (existsSync(f.done) && existsSync(f.model)) return { finished: JSON.parse(readFileSync(f.done, 'utf8')) as MemberDone };
    if (existsSync(f.checkpoint)) return { ckpt: readCheckpoint(f.checkpoint, jobId) };
    // An incremental run wrote each member's start before training: a member with no epoch done yet starts there again.
    if (run.from !== undefined && existsSync(f.startCheckpoint)) return { ckpt: readCheckpoint(f.startCheckpoint, jobId), fromStart: true };
    return {};
  });
  if (states.every((s) => s.finished === undefined && s.ckpt === undefined)) readCheckpoint(memberFiles[0]!.checkpoint, jobId);
  for (const path of [files.items, files.data]) {
    if (!existsSync(path)) throw refuse(`${path} does not exist: the record of what job ${jobId} trained on is gone; start a new run`, 'no data record');
  }
  // Read in pieces, yielding to the engine's loop (as a new run reads); nothing else may start a fine-tune meanwhile.
  const data = await storeTrainingDataAsync(d.db, d.vectors, run.textVersion, run);
  if (d.jobs.isRunning('fine-tune')) throw new ContractError('conflict', 'a fine-tune job is already running');
  try {
    assertSameCatalogue(files.items, data.itemIds, `job ${jobId} started`, 'it cannot be resumed; start a new run');
  } catch (err) {
    throw refuse(err instanceof Error ? err.message : String(err), 'catalogue changed');
  }
  // The same shoppers are held out for the comparison (the split depends on the shoppers only), and the record says so.
  const split = splitComparisonShoppers(data);
  const difference = trainingDataDifference(JSON.parse(readFileSync(files.data, 'utf8')) as TrainingDataRecord, await trainingDataRecord(data, split));
  if (difference) throw refuse(`the training data of job ${jobId} cannot be rebuilt: ${difference}; start a new run`, 'data changed');

  // A member's checkpoint's configuration wins; its total epochs are an incremental run's lineage + the job's validated epochs + the refit.
  // A member with no checkpoint yet starts fresh from its seed, configured as a sibling was (or as a fresh run is).
  const sibling = states.findIndex((s) => s.ckpt !== undefined && s.fromStart !== true);
  const fresh = (k: number): MemberStart => {
    const base = sibling >= 0 ? { model: states[sibling]!.ckpt!.model.config, training: { ...states[sibling]!.ckpt!.training, seed: states[sibling]!.ckpt!.training.seed - sibling } } : (selected ?? freshConfig(d, data));
    const refitEpochs = refitOnTop(base.training);
    return { model: base.model, training: { ...base.training, seed: base.training.seed + k, epochs: run.epochs + refitEpochs }, epochOffset: 0, refitEpochs };
  };
  const members = states.map((s, k): MemberStart => {
    if (s.finished !== undefined) return { ...fresh(k), training: { ...fresh(k).training, seed: s.finished.seed }, finished: s.finished };
    if (s.ckpt === undefined) return fresh(k);
    const refitEpochs = refitOnTop(s.ckpt.training);
    const epochOffset = s.ckpt.training.epochs - run.epochs - refitEpochs;
    return { model: s.ckpt.model.config, training: s.ckpt.training, epochOffset, refitEpochs, resumeFromPath: s.fromStart === true ? memberFiles[k]!.startCheckpoint : memberFiles[k]!.checkpoint };
  });
  // The job's epochs the slowest member that trains had done.
  const after = states.flatMap((s, k) => (s.finished !== undefined ? [] : [s.ckpt === undefined || s.fromStart === true ? 0 : s.ckpt.epoch - members[k]!.epochOffset]));
  return d.jobs.start('fine-tune', { ...old.params, resumes: jobId }, (ctx) =>
    trainAndRegister(d, run, { data, split }, ctx, { members, ...(after.length > 0 ? { resumedAfterEpoch: Math.min(...after) } : {}), ...(selected !== undefined ? { selection: selected.record } : {}) }),
  );
}

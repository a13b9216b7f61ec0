import { createHash, type Hash } from 'node:crypto';
import { join } from 'node:path';
import { z } from 'zod';
import type { ComparisonSplit } from './comparison-shoppers';
import type { StoreTrainingData } from './store-training-data';
import { nextTurn } from '../workers/time-slices';

/**
 * What a fine-tune job is asked for and what was fixed when it started, kept in the job's params
 * so a cancelled, failed or interrupted run can be resumed on exactly the same data: the version
 * it trains into, the event window (from `sinceTs`, up to event `untilSeq`) and the text vectors.
 */
export const FineTuneRun = z.object({
  epochs: z.number().int().min(1),
  windowDays: z.number().int().optional(),
  fromServing: z.boolean(),
  /** The serving version an incremental run continues from. */
  from: z.string().optional(),
  version: z.string().min(1),
  sinceTs: z.number(),
  untilSeq: z.number().int().min(0),
  textVersion: z.string().nullable(),
  /**
   * Members of the seed ensemble the run trains (seeds `seed`, `seed + 1`, ...), in parallel. Absent
   * in runs started before ensembles: those trained one model into `<version>.{model,ckpt}`.
   */
  members: z.number().int().min(1).optional(),
  /** `auto`: the configuration was chosen at the start of the run (`<version>.selection.json`). Absent in older runs: the defaults. */
  config: z.enum(['auto', 'defaults']).optional(),
  /** Why the run is incremental or from scratch when the request left `fromServing` out (finetune-incremental.ts). */
  fromServingReason: z.string().optional(),
  /** Wall-clock seconds the run may train (a resume gets the same budget afresh). */
  budgetSeconds: z.number().int().min(1).optional(),
});
export type FineTuneRun = z.infer<typeof FineTuneRun>;

/**
 * The refit epochs a job runs on top of the `epochs` it asked for: a job's `epochs` is the most
 * validated epochs, and the training loop's `epochs` bounds both phases together, so the job adds
 * these to it. A refit from scratch has no fixed length (as many epochs as the best one) and is
 * left inside the bound.
 */
export function refitOnTop(training: { refitEpochs?: number; refitScratch?: boolean }): number {
  return training.refitScratch === true ? 0 : (training.refitEpochs ?? 0);
}

/** A new version's name: the start time and a random suffix, e.g. `intent-20261129151142-3fa2c1`. */
export function newVersionName(now = new Date()): string {
  return `intent-${now.toISOString().replace(/[-:T]/g, '').slice(0, 14)}-${createHash('sha1').update(String(Math.random())).digest('hex').slice(0, 6)}`;
}

/** Members of the seed ensemble a fine-tune job trains and serves, unless configured otherwise. */
export const DEFAULT_MEMBERS = 2;

/** One ensemble member's files. */
export interface MemberFiles {
  model: string;
  onnx: string;
  /** Written after every epoch: what a resumed run continues this member from. */
  checkpoint: string;
  /** An incremental run's start for this member: the serving version's member's best weights. */
  startCheckpoint: string;
  /** Written when the member finished (its figures): a resumed run does not train it again. */
  done: string;
}

/**
 * The files of one version in the model folder: shared ones (item order, data record, the members
 * manifest the registry points at) and each member's `<version>.m<k>.{model,onnx,ckpt}`.
 */
export function runFiles(modelDir: string, version: string) {
  const file = (suffix: string): string => join(modelDir, `${version}${suffix}`);
  const member = (k: number): MemberFiles => ({
    model: file(`.m${k}.model`),
    onnx: file(`.m${k}.onnx`),
    checkpoint: file(`.m${k}.ckpt`),
    startCheckpoint: file(`.m${k}.start.ckpt`),
    done: file(`.m${k}.done.json`),
  });
  return {
    member,
    /** What the registry records for a version: its members, each file with its sha256 (ensemble-manifest.ts). */
    manifest: file('.members.json'),
    /** A run that predates ensembles: its one model's files (`members` absent from its params). */
    single: { model: file('.model'), onnx: file('.onnx'), checkpoint: file('.ckpt'), startCheckpoint: file('.start.ckpt'), done: file('.done.json') } satisfies MemberFiles,
    /** The item order: positions in the model. */
    items: file('.items.json'),
    /** What the run trained on, to check a resumed run reads the same. */
    data: file('.data.json'),
    /** An automatic selection's choice (configuration, members, trials): what a resumed run trains. */
    selection: file('.selection.json'),
  };
}

/** The members' files of a run: `members` of them, or the one model of a run from before ensembles. */
export function memberFilesOf(files: ReturnType<typeof runFiles>, run: Pick<FineTuneRun, 'members'>): MemberFiles[] {
  return run.members === undefined ? [files.single] : Array.from({ length: run.members }, (_, k) => files.member(k));
}

/** A short record of the training data: sizes and digests of the sequences and the text table. */
export interface TrainingDataRecord {
  sequences: number;
  events: number;
  sequencesSha256: string;
  textSha256: string | null;
  /** The items' attribute table (brand, category nodes, price band); absent in records from before attributes. */
  attributesSha256?: string | null;
  /** The tokens' event types and gap buckets; absent in records written before the model read them. */
  eventsSha256?: string;
  /**
   * The shoppers held out of training for the before/after comparison (how many, digest of their
   * ids); absent in records of runs that trained on every shopper, which cannot be resumed as such.
   */
  comparison?: { shoppers: number; shoppersSha256: string };
}

/** Bytes hashed per turn of the event loop: the text table alone is 150 MB at 100k items (~90 ms hashed at once). */
const HASH_SLICE_BYTES = 4 * 2 ** 20;

/** Hashes the bytes of `view` into `hash`, a slice per turn of the event loop. */
async function hashInSlices(hash: Hash, view: ArrayBufferView): Promise<void> {
  for (let at = 0; at < view.byteLength; at += HASH_SLICE_BYTES) {
    hash.update(Buffer.from(view.buffer, view.byteOffset + at, Math.min(HASH_SLICE_BYTES, view.byteLength - at)));
    await nextTurn();
  }
}

/** The record of `data` (hashed in slices, yielding to the engine's loop between them). */
export async function trainingDataRecord(data: StoreTrainingData, split: ComparisonSplit): Promise<TrainingDataRecord> {
  const sequences = createHash('sha256');
  for (const seq of data.sequences) {
    sequences.update(Buffer.from(Int32Array.of(seq.length).buffer));
    sequences.update(Buffer.from(seq.buffer, seq.byteOffset, seq.byteLength));
  }
  let text: string | null = null;
  if (data.text) {
    const hash = createHash('sha256');
    await hashInSlices(hash, data.text.vectors);
    text = hash.digest('hex');
  }
  const events = createHash('sha256');
  for (const e of data.tokenEvents) for (const ids of [e.types, e.gaps]) events.update(Buffer.from(ids.buffer, ids.byteOffset, ids.byteLength));
  const shoppers = createHash('sha256').update(split.shoppers.join('\n')).digest('hex');
  const attributes = data.attributes
    ? createHash('sha256').update(Buffer.from(data.attributes.offsets.buffer, data.attributes.offsets.byteOffset, data.attributes.offsets.byteLength)).update(Buffer.from(data.attributes.ids.buffer, data.attributes.ids.byteOffset, data.attributes.ids.byteLength)).digest('hex')
    : null;
  return {
    sequences: data.sequences.length,
    events: data.events,
    sequencesSha256: sequences.digest('hex'),
    textSha256: text,
    attributesSha256: attributes,
    eventsSha256: events.digest('hex'),
    comparison: { shoppers: split.shoppers.length, shoppersSha256: shoppers },
  };
}

/** Why rebuilt data differs from what a run first trained on, or null when it is the same. */
export function trainingDataDifference(then: TrainingDataRecord, now: TrainingDataRecord): string | null {
  if (then.sequences !== now.sequences || then.sequencesSha256 !== now.sequencesSha256) return `the event sequences differ (${then.sequences} then, ${now.sequences} now)`;
  if (then.textSha256 !== now.textSha256) return 'the text vectors of the items differ (re-embedded, or no longer stored)';
  if (then.attributesSha256 !== undefined && then.attributesSha256 !== now.attributesSha256) return 'the items\' brands, categories or prices differ (their attribute table changed)';
  if (then.eventsSha256 !== undefined && now.eventsSha256 !== undefined && then.eventsSha256 !== now.eventsSha256) return 'the event types or times of the sequences differ';
  if (then.comparison === undefined) return 'the run started before shoppers were held out for the before/after comparison (its checkpoint trained on every shopper)';
  if (now.comparison === undefined || then.comparison.shoppersSha256 !== now.comparison.shoppersSha256) return `the shoppers held out for the comparison differ (${then.comparison.shoppers} then, ${now.comparison?.shoppers ?? 0} now)`;
  return null;
}

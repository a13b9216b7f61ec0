/**
 * Asks ONNX Runtime which execution providers actually ran a session's nodes. onnxruntime-node
 * 1.30 has no "providers of this session" call, but its profiler records, for every node it runs,
 * the provider that ran it (`args.provider`, e.g. "CUDAExecutionProvider"). A session opened with
 * `profiledOptions` profiles its warm-up run; `nodePlacement` ends profiling (later runs are not
 * profiled), reads the profile and deletes it.
 */
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { threadId } from 'node:worker_threads';
import type * as ort from 'onnxruntime-node';

/** Nodes run per provider in the profiled run, by our provider names ('cpu', 'cuda', ...) or ORT's when unknown. */
export type NodePlacement = Record<string, number>;

const ORT_NAMES: Record<string, string> = {
  CPUExecutionProvider: 'cpu',
  CUDAExecutionProvider: 'cuda',
  DmlExecutionProvider: 'dml',
  CoreMLExecutionProvider: 'coreml',
};

let counter = 0;

export interface ProfiledOptions {
  options: ort.InferenceSession.SessionOptions;
  profilePrefix: string;
}

export function profiledOptions(options: ort.InferenceSession.SessionOptions, dir: string = tmpdir()): ProfiledOptions {
  counter += 1;
  const profilePrefix = join(dir, `instinct-ort-placement-${process.pid}-${threadId}-${counter}`);
  return { options: { ...options, enableProfiling: true, profileFilePrefix: profilePrefix }, profilePrefix };
}

interface ProfileEvent {
  cat?: string;
  args?: { provider?: string };
}

/** Counts the provider of every node event in an ORT profile (a JSON array of trace events). */
export function placementFromProfile(json: string): NodePlacement {
  const events = JSON.parse(json) as unknown;
  if (!Array.isArray(events)) throw new Error('ONNX Runtime profile is not an array of events');
  const placement: NodePlacement = {};
  for (const e of events as ProfileEvent[]) {
    const ortName = e.cat === 'Node' ? e.args?.provider : undefined;
    if (ortName === undefined) continue;
    const name = ORT_NAMES[ortName] ?? ortName;
    placement[name] = (placement[name] ?? 0) + 1;
  }
  return placement;
}

/**
 * Creates a session with profiled options; when creation fails, ORT has already written the
 * (empty) profile of the session it tore down, which is deleted here before the error goes on.
 */
export async function createProfiled(
  create: (options: ort.InferenceSession.SessionOptions) => Promise<ort.InferenceSession>,
  options: ort.InferenceSession.SessionOptions,
): Promise<{ session: ort.InferenceSession; profilePrefix: string }> {
  const profiled = profiledOptions(options);
  try {
    return { session: await create(profiled.options), profilePrefix: profiled.profilePrefix };
  } catch (err) {
    discardProfiles(profiled.profilePrefix);
    throw err;
  }
}

function profileFiles(profilePrefix: string): string[] {
  const stem = basename(profilePrefix);
  return readdirSync(dirname(profilePrefix))
    .filter((f) => f.startsWith(`${stem}_`) && f.endsWith('.json'))
    .map((f) => join(dirname(profilePrefix), f));
}

function discardProfiles(profilePrefix: string): void {
  for (const path of profileFiles(profilePrefix)) rmSync(path, { force: true });
}

/** Ends profiling on `session` and reads where its profiled run(s) placed each node. */
export function nodePlacement(session: ort.InferenceSession, profilePrefix: string): NodePlacement {
  session.endProfiling();
  const files = profileFiles(profilePrefix);
  if (files.length === 0) throw new Error(`ONNX Runtime wrote no profile for ${profilePrefix}`);
  const placement: NodePlacement = {};
  for (const path of files) {
    try {
      for (const [k, n] of Object.entries(placementFromProfile(readFileSync(path, 'utf8')))) placement[k] = (placement[k] ?? 0) + n;
    } finally {
      rmSync(path, { force: true });
    }
  }
  return placement;
}

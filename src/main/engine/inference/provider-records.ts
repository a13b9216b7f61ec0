/**
 * What each ONNX Runtime session of this process runs on, as the resolver recorded it: the
 * provider, why it fell back (if it did), ORT's own node placement and the warm-up time. The
 * engine shows these in engine.info; worker threads send theirs to the thread that shows them.
 */
import type { ExecutionProviderName } from './execution-providers';
import type { NodePlacement } from './ort-placement';

export interface SessionProviderRecord {
  /** Which session: 'text-encoder', 'image-encoder', 'intent-model', 'training:softmax-loss', ... */
  session: string;
  provider: ExecutionProviderName;
  /** Providers tried in order (CPU last). */
  tried: ExecutionProviderName[];
  /** Why an earlier provider was not used, e.g. "cuda: libonnxruntime_providers_cuda.so not found in ..."; null when the first was. */
  fallbackReason: string | null;
  /** Nodes per provider in the warm-up run, as ONNX Runtime's profiler reported them; null when not asked. */
  placement: NodePlacement | null;
  /** Session creation plus the first (warm-up) run on the chosen provider. */
  warmUpMs: number;
  at: number;
}

const records = new Map<string, SessionProviderRecord>();

export function recordSessionProvider(record: SessionProviderRecord): void {
  records.set(record.session, record);
}

/** The latest record per session name, in name order. */
export function sessionProviderRecords(): SessionProviderRecord[] {
  return [...records.values()].sort((a, b) => a.session.localeCompare(b.session));
}

export function clearSessionProviderRecords(): void {
  records.clear();
}

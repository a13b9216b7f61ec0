/**
 * A raw onnxruntime-node session (intent-model serving, training graphs) opened through the one
 * resolver: on the first provider whose warm-up run works and where ONNX Runtime's profiler
 * shows nodes on that provider; recorded under `session` for engine.info and the benches.
 */
import * as ort from 'onnxruntime-node';
import { consoleLog, type InferenceLog } from './encoder-session';
import type { ExecutionProviderName } from './execution-providers';
import { createProfiled, nodePlacement } from './ort-placement';
import { openOnProvider, planProviders, type OpenedSession, type ProviderPlan } from './provider-resolver';

export interface OrtGraphSessionSpec {
  session: string;
  model: Uint8Array | string;
  /** Everything but the providers, which the resolver sets. */
  options: Omit<ort.InferenceSession.SessionOptions, 'executionProviders'>;
  /** Small inputs for the warm-up run, given the opened session (its input names). */
  warmUpFeeds(session: ort.InferenceSession): Record<string, ort.Tensor>;
  plan?: ProviderPlan | readonly ExecutionProviderName[];
  log?: InferenceLog;
}

interface Profiled {
  session: ort.InferenceSession;
  profilePrefix: string;
  placed: boolean;
}

export async function openOrtGraphSession(spec: OrtGraphSessionSpec): Promise<OpenedSession<ort.InferenceSession>> {
  const opened = await openOnProvider<Profiled>({
    session: spec.session,
    plan: spec.plan ?? planProviders(),
    ...(typeof spec.model === 'string' ? { modelPath: spec.model } : {}),
    open: async (provider) => {
      // CUDA is only asked for when its libraries are on disk, so ORT's own log stays quiet.
      const { model } = spec;
      const create = (options: ort.InferenceSession.SessionOptions): Promise<ort.InferenceSession> =>
        typeof model === 'string' ? ort.InferenceSession.create(model, options) : ort.InferenceSession.create(model, options);
      const { session, profilePrefix } = await createProfiled(create, { logSeverityLevel: 3, ...spec.options, executionProviders: [provider] });
      return { session, profilePrefix, placed: false };
    },
    warmUp: async (p) => void (await p.session.run(spec.warmUpFeeds(p.session))),
    placement: async (p) => {
      p.placed = true;
      return nodePlacement(p.session, p.profilePrefix);
    },
    release: async (p) => {
      if (!p.placed) {
        try {
          nodePlacement(p.session, p.profilePrefix);
        } catch {
          // nothing was profiled: nothing to delete
        }
      }
      await p.session.release();
    },
    log: spec.log ?? consoleLog,
  });
  return { session: opened.session.session, record: opened.record, failed: opened.failed };
}

export const int64Tensor = (values: readonly number[], dims: readonly number[]): ort.Tensor =>
  new ort.Tensor('int64', BigInt64Array.from(values, (v) => BigInt(v)), dims);

export const zerosTensor = (dims: readonly number[]): ort.Tensor =>
  new ort.Tensor('float32', new Float32Array(dims.reduce((a, b) => a * b, 1)), dims);

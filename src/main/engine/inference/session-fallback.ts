/**
 * The text encoder's session on the first execution provider that works, through the one
 * resolver (provider-resolver.ts). A provider "works" only if a tiny warm-up batch runs and
 * ONNX Runtime placed nodes on it: some GPU providers create a session and fail on the first run.
 */
import type { EncoderBatch, EncoderSession, InferenceLog, SessionFactory, SessionTuning } from './encoder-session';
import type { ExecutionProviderName } from './execution-providers';
import type { SessionProviderRecord } from './provider-records';
import { openOnProvider, type ProviderAttempt, type ProviderPlan } from './provider-resolver';

export interface ProviderSession {
  session: EncoderSession;
  provider: ExecutionProviderName;
  failed: ProviderAttempt[];
  record: SessionProviderRecord;
}

const WARM_UP: EncoderBatch = {
  batch: 1,
  seq: 2,
  inputIds: BigInt64Array.from([101n, 102n]),
  attentionMask: BigInt64Array.from([1n, 1n]),
  tokenTypeIds: BigInt64Array.from([0n, 0n]),
};

export async function createSessionWithFallback(
  factory: SessionFactory,
  modelPath: string,
  plan: ProviderPlan | readonly ExecutionProviderName[],
  tuning: SessionTuning,
  log: InferenceLog,
  sessionName = 'text-encoder',
): Promise<ProviderSession> {
  const { session, record, failed } = await openOnProvider<EncoderSession>({
    session: sessionName,
    plan,
    modelPath,
    open: (provider) => factory(modelPath, provider, tuning),
    warmUp: async (s) => void (await s.run(WARM_UP)),
    placement: async (s) => (s.placement ? s.placement() : null),
    release: (s) => s.release(),
    log,
  });
  return { session, provider: record.provider, failed, record };
}

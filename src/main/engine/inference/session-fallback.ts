/**
 * Create a session on the first execution provider that works, falling back towards CPU.
 * A provider "works" only if a tiny warm-up batch runs: some GPU providers create a session
 * and fail on the first run (missing kernels, driver faults).
 */
import type { EncoderBatch, EncoderSession, InferenceLog, SessionFactory, SessionTuning } from './encoder-session';
import { SessionCreateError } from './errors';
import type { ExecutionProviderName } from './execution-providers';

export interface ProviderSession {
  session: EncoderSession;
  provider: ExecutionProviderName;
  failed: Array<{ provider: ExecutionProviderName; error: string }>;
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
  providers: readonly ExecutionProviderName[],
  tuning: SessionTuning,
  log: InferenceLog,
): Promise<ProviderSession> {
  const failed: ProviderSession['failed'] = [];
  for (const provider of providers) {
    let session: EncoderSession | undefined;
    try {
      session = await factory(modelPath, provider, tuning);
      await session.run(WARM_UP);
      log.info(`text encoder using execution provider "${provider}" for ${modelPath}`);
      return { session, provider, failed };
    } catch (err) {
      const error = err instanceof Error ? err.message : String(err);
      failed.push({ provider, error });
      log.warn(`execution provider "${provider}" failed (${error}); trying the next one`);
      await session?.release().catch(() => undefined);
    }
  }
  throw new SessionCreateError(modelPath, failed);
}

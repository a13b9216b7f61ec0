import { join } from 'node:path';
import type { JobContext } from '../../jobs/job-runner';
import { startEngineWorker } from '../../workers/start-engine-worker';
import type { PolicyFit } from './policy-training';
import type { PolicyWorkerData, PolicyWorkerMessage } from './policy-worker';

/** Runs a policy fit in its worker thread, reporting progress to the job and stopping the worker on cancel. */
export function runPolicyWorker(data: PolicyWorkerData, ctx: JobContext): Promise<{ fit: PolicyFit; seconds: number }> {
  return new Promise((resolve, reject) => {
    const worker = startEngineWorker('policy-worker', join(__dirname, 'policy-worker.ts'), { workerData: data });
    const started = Date.now();
    const onAbort = (): void => {
      // The fit holds no native resources beyond its read-only connection: terminating it is safe.
      void worker.terminate();
      reject(ctx.signal.reason instanceof Error ? ctx.signal.reason : new Error('cancelled'));
    };
    ctx.signal.addEventListener('abort', onAbort, { once: true });
    worker.on('message', (m: PolicyWorkerMessage) => {
      if (m.type === 'progress') {
        const seconds = Math.max(1e-3, (Date.now() - started) / 1000);
        const rate = m.done / seconds;
        ctx.report({ done: m.done, total: Math.max(m.total, 1), rate, etaSeconds: rate > 0 ? (m.total - m.done) / rate : null, message: `reading lists ${m.done} / ${m.total}` });
      } else if (m.type === 'done') resolve({ fit: m.fit, seconds: m.seconds });
      else reject(new Error(m.message));
    });
    worker.on('error', reject);
    worker.on('exit', (code) => {
      ctx.signal.removeEventListener('abort', onAbort);
      if (code !== 0 && !ctx.signal.aborted) reject(new Error(`policy worker exited with code ${code}`));
    });
  });
}

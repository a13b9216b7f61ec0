import { resolve } from 'node:path';
import { startEngineWorker } from '../workers/start-engine-worker';
import type { ImportBodyCheck } from './import-body';
import type { ImportBodyWorkerData } from './import-messages';

/**
 * Checks a large `import.text` body on a worker thread (the import worker's entry, in its body mode):
 * the body's bytes are moved there, parsed and checked, and the content comes back as UTF-8 bytes,
 * moved too. The engine's thread neither parses the JSON nor holds the content as a string.
 */
export async function checkImportBodyOffThread(body: Buffer): Promise<ImportBodyCheck> {
  await checks.acquire();
  try {
    return await checkOnWorker(body);
  } finally {
    checks.release();
  }
}

/** At most this many body checks run at once (a worker each); others wait their turn, so many large bodies at once cannot start a worker each. */
export const MAX_BODY_CHECKS = 2;

class Slots {
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  constructor(private readonly size: number) {}
  get active(): number {
    return this.running;
  }
  acquire(): Promise<void> {
    if (this.running < this.size) {
      this.running++;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }
  release(): void {
    const next = this.waiting.shift();
    // The slot passes straight to the next waiter.
    if (next) next();
    else this.running--;
  }
}

const checks = new Slots(MAX_BODY_CHECKS);

/** Body checks running now (tests). */
export function bodyChecksRunning(): number {
  return checks.active;
}

function checkOnWorker(body: Buffer): Promise<ImportBodyCheck> {
  // A buffer that shares its memory (a pooled slice) is copied first: only a whole ArrayBuffer can be moved.
  const own = body.byteOffset === 0 && body.byteLength === body.buffer.byteLength ? new Uint8Array(body.buffer, 0, body.byteLength) : Uint8Array.from(body);
  const data: ImportBodyWorkerData = { kind: 'body', body: own };
  const worker = startEngineWorker('import-worker', resolve(__dirname, 'import-worker.ts'), { workerData: data, transferList: [own.buffer as ArrayBuffer] });
  return new Promise((done, fail) => {
    let answered = false;
    worker.once('message', (check: ImportBodyCheck) => {
      answered = true;
      done(check);
    });
    worker.once('error', fail);
    worker.once('exit', (code) => {
      if (!answered) fail(new Error(`the import body check exited with code ${code} before answering`));
    });
  });
}

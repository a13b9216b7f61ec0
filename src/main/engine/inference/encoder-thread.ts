/**
 * One worker thread of the encoder pool, seen from the pool: its start-up (ready or why not),
 * the one chunk it is working on, and its death. The pool decides what to send; this class only
 * turns the worker's messages and exit into calls on the pool.
 */
import type { Worker } from 'node:worker_threads';
import type { InferenceLog } from './encoder-session';
import { reviveError, type FromEncoderWorker, type ToEncoderWorker, type TransferredError } from './encoder-worker-messages';
import type { ExecutionProviderName } from './execution-providers';
import { recordSessionProvider } from './provider-records';

export interface EncoderThreadReady {
  provider: ExecutionProviderName;
  modelVersion: string;
  dimensions: number;
}

/** Why a thread never became ready: a transferred load error, or the thread itself failing. */
export class EncoderThreadStartError extends Error {
  override readonly name = 'EncoderThreadStartError';
  constructor(
    readonly thread: number,
    readonly loadError: TransferredError | null,
    reason: string,
  ) {
    super(`text encoder worker ${thread} did not start: ${reason}`);
  }
}

export interface EncoderThreadEvents {
  log: InferenceLog;
  embedded(thread: EncoderThread, chunk: number, vectors: Float32Array[]): void;
  chunkFailed(thread: EncoderThread, chunk: number, error: Error): void;
  /** The thread stopped after it was ready; `chunk` is the one it took down with it, if any. */
  died(thread: EncoderThread, chunk: number | null, reason: string): void;
}

export class EncoderThread {
  readonly ready: Promise<EncoderThreadReady>;
  private readonly exited: Promise<void>;
  private chunk: number | null = null;
  private started = false;
  private stopped = false;
  private crash: string | null = null;

  constructor(
    readonly id: number,
    private readonly worker: Worker,
    private readonly events: EncoderThreadEvents,
  ) {
    this.ready = new Promise<EncoderThreadReady>((resolve, reject) => {
      worker.on('message', (m: FromEncoderWorker) => {
        switch (m.type) {
          case 'log':
            events.log[m.level](`worker ${id}: ${m.message}`);
            return;
          case 'ready':
            this.started = true;
            // Idle threads must not keep the process alive; send() refs it while it works.
            worker.unref();
            // Worker threads keep their own records; the thread that shows them is this one.
            recordSessionProvider(m.record);
            resolve({ provider: m.provider, modelVersion: m.modelVersion, dimensions: m.dimensions });
            return;
          case 'load-failed':
            reject(new EncoderThreadStartError(id, m.error, reviveError(m.error).message));
            return;
          case 'embedded':
          case 'chunk-failed':
            this.finishChunk(m);
            return;
        }
      });
      worker.on('error', (err) => (this.crash = err.message));
      worker.on('exit', (code) => {
        const reason = this.crash ? `crashed: ${this.crash}` : `exited with code ${code}`;
        const expected = this.stopped;
        const lost = this.chunk;
        this.chunk = null;
        this.stopped = true;
        if (!this.started) reject(new EncoderThreadStartError(id, null, reason));
        else if (!expected) events.died(this, lost, reason);
      });
    });
    // A start-up failure is reported through `ready`; never leave it unhandled.
    this.ready.catch(() => undefined);
    this.exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  }

  get idle(): boolean {
    return this.started && !this.stopped && this.chunk === null;
  }

  get alive(): boolean {
    return !this.stopped;
  }

  send(chunk: number, texts: string[]): void {
    this.chunk = chunk;
    this.worker.ref();
    this.worker.postMessage({ type: 'embed', chunk, texts } satisfies ToEncoderWorker);
  }

  /**
   * Asks the thread to finish its chunk and exit, and waits for it; not reported as a death.
   * Never Worker.terminate(): see the `stop` message.
   */
  stop(): Promise<void> {
    if (!this.stopped) {
      this.stopped = true;
      // Held until it has exited: a process that ends first would cut it off inside native code.
      this.worker.ref();
      this.worker.postMessage({ type: 'stop' } satisfies ToEncoderWorker);
    }
    return this.exited;
  }

  private finishChunk(m: Extract<FromEncoderWorker, { type: 'embedded' | 'chunk-failed' }>): void {
    this.chunk = null;
    this.worker.unref();
    if (m.type === 'embedded') this.events.embedded(this, m.chunk, m.vectors);
    else this.events.chunkFailed(this, m.chunk, reviveError(m.error));
  }
}

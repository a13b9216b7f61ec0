/**
 * The encoder pool's work list: each embed() call cut into chunks of similar-length texts, handed
 * out one at a time to whichever worker is idle, and its vectors put back in the caller's order.
 * A call settles once: all its chunks done, the first failure, or its AbortSignal (which stops
 * its remaining chunks being handed out; chunks already running finish and are dropped).
 */

export interface EmbedChunk {
  id: number;
  texts: string[];
}

interface EmbedCall {
  out: Float32Array[];
  left: number;
  settled: boolean;
  resolve: (vectors: Float32Array[]) => void;
  reject: (error: unknown) => void;
  detach: () => void;
}

interface QueuedChunk extends EmbedChunk {
  call: EmbedCall;
  /** Positions in the call's input of this chunk's texts. */
  indices: number[];
}

export class ChunkQueue {
  private nextId = 1;
  private waiting: QueuedChunk[] = [];
  private readonly running = new Map<number, QueuedChunk>();

  add(texts: readonly string[], chunkSize: number, signal?: AbortSignal): Promise<Float32Array[]> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (texts.length === 0) return Promise.resolve([]);
    return new Promise<Float32Array[]>((resolve, reject) => {
      const call: EmbedCall = { out: new Array<Float32Array>(texts.length), left: 0, settled: false, resolve, reject, detach: () => undefined };
      // Similar lengths in one chunk pad less. Character length stands in for token length,
      // which only the workers know (they tokenise).
      const order = texts.map((_, i) => i).sort((a, b) => texts[a]!.length - texts[b]!.length);
      for (let start = 0; start < order.length; start += chunkSize) {
        const indices = order.slice(start, start + chunkSize);
        this.waiting.push({ id: this.nextId++, call, indices, texts: indices.map((i) => texts[i]!) });
        call.left++;
      }
      if (signal) {
        const onAbort = (): void => this.settle(call, signal.reason);
        signal.addEventListener('abort', onAbort, { once: true });
        call.detach = () => signal.removeEventListener('abort', onAbort);
      }
    });
  }

  /** The next chunk to hand to an idle worker, now counted as running. */
  next(): EmbedChunk | undefined {
    const chunk = this.waiting.shift();
    if (chunk) this.running.set(chunk.id, chunk);
    return chunk;
  }

  complete(id: number, vectors: readonly Float32Array[]): void {
    const chunk = this.take(id);
    if (!chunk || chunk.call.settled) return;
    if (vectors.length !== chunk.indices.length) {
      this.settle(chunk.call, new Error(`encoder returned ${vectors.length} vectors for ${chunk.indices.length} texts`));
      return;
    }
    chunk.indices.forEach((pos, i) => (chunk.call.out[pos] = vectors[i]!));
    if (--chunk.call.left === 0) this.settle(chunk.call);
  }

  fail(id: number, error: Error): void {
    const chunk = this.take(id);
    if (chunk) this.settle(chunk.call, error);
  }

  /** Every pending call rejects with `error` (the pool is closing or has no workers left). */
  failAll(error: Error): void {
    for (const chunk of [...this.waiting, ...this.running.values()]) this.settle(chunk.call, error);
    this.waiting = [];
    this.running.clear();
  }

  private take(id: number): QueuedChunk | undefined {
    const chunk = this.running.get(id);
    this.running.delete(id);
    return chunk;
  }

  private settle(call: EmbedCall, error?: unknown): void {
    if (call.settled) return;
    call.settled = true;
    call.detach();
    if (error === undefined) {
      call.resolve(call.out);
      return;
    }
    // Its chunks still waiting are never handed out; any running finish and are dropped.
    this.waiting = this.waiting.filter((c) => c.call !== call);
    call.reject(error);
  }
}

/**
 * Embeds search queries once: a shopper's session replays its queries on every recommend call.
 * Keyed by the normalised query; a query asked again while its embedding is under way waits for
 * that one instead of embedding it a second time.
 */
export class QueryVectors {
  private readonly cache = new Map<string, Float32Array>();
  private readonly pending = new Map<string, Promise<Float32Array>>();

  constructor(
    private readonly embed: (query: string) => Promise<Float32Array>,
    private readonly capacity = 5000,
  ) {}

  peek(query: string): Float32Array | undefined {
    return this.cache.get(normalise(query));
  }

  async get(query: string): Promise<Float32Array> {
    const key = normalise(query);
    const hit = this.cache.get(key);
    if (hit) return hit;
    let running = this.pending.get(key);
    if (running === undefined) {
      running = this.embed(key).then(
        (vector) => {
          this.pending.delete(key);
          this.cache.set(key, vector);
          if (this.cache.size > this.capacity) {
            const oldest = this.cache.keys().next().value;
            if (oldest !== undefined) this.cache.delete(oldest);
          }
          return vector;
        },
        (error: unknown) => {
          this.pending.delete(key);
          throw error;
        },
      );
      this.pending.set(key, running);
    }
    return running;
  }
}

function normalise(query: string): string {
  return query.trim().toLowerCase().replace(/\s+/g, ' ');
}

/** Embeds search queries once: a shopper's session replays its queries on every recommend call. */
export class QueryVectors {
  private readonly cache = new Map<string, Float32Array>();

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
    const vector = await this.embed(key);
    this.cache.set(key, vector);
    if (this.cache.size > this.capacity) {
      const oldest = this.cache.keys().next().value;
      if (oldest !== undefined) this.cache.delete(oldest);
    }
    return vector;
  }
}

function normalise(query: string): string {
  return query.trim().toLowerCase().replace(/\s+/g, ' ');
}

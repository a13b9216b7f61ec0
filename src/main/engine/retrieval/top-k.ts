/**
 * Keeps the k highest-scoring entries seen so far: a binary min-heap whose root is the weakest
 * kept entry, so each offer is O(1) when it loses and O(log k) when it wins.
 */
export class TopK {
  private readonly scores: Float64Array;
  private readonly keys: Int32Array;
  private size = 0;

  constructor(readonly k: number) {
    this.scores = new Float64Array(Math.max(1, k));
    this.keys = new Int32Array(Math.max(1, k));
  }

  /** The score an entry must beat to be kept (-Infinity until the heap is full). */
  get threshold(): number {
    return this.size < this.k ? -Infinity : this.scores[0]!;
  }

  offer(key: number, score: number): void {
    if (this.k <= 0) return;
    if (this.size < this.k) {
      let i = this.size++;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (this.scores[parent]! <= score) break;
        this.scores[i] = this.scores[parent]!;
        this.keys[i] = this.keys[parent]!;
        i = parent;
      }
      this.scores[i] = score;
      this.keys[i] = key;
      return;
    }
    if (score <= this.scores[0]!) return;
    this.siftDownFromRoot(key, score);
  }

  private siftDownFromRoot(key: number, score: number): void {
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= this.size) break;
      const right = left + 1;
      const child = right < this.size && this.scores[right]! < this.scores[left]! ? right : left;
      if (this.scores[child]! >= score) break;
      this.scores[i] = this.scores[child]!;
      this.keys[i] = this.keys[child]!;
      i = child;
    }
    this.scores[i] = score;
    this.keys[i] = key;
  }

  /** The kept entries, best first (ties by key, so results are deterministic). */
  sorted(): { key: number; score: number }[] {
    const out: { key: number; score: number }[] = [];
    for (let i = 0; i < this.size; i++) out.push({ key: this.keys[i]!, score: this.scores[i]! });
    return out.sort((a, b) => b.score - a.score || a.key - b.key);
  }
}

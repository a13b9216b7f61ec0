/**
 * Ranking over dense score vectors. The rank of a target follows the shared rule
 * (`datasets/target-rank.ts`: ties count against the target, non-finite scores are an error);
 * top-K lists (exposure figures) break ties by item index so they do not depend on sort stability.
 */
export { NonFiniteScoreError, rankOfTarget } from '../../datasets/target-rank';

/** True when item a ranks before item b. */
function before(scores: Float32Array, a: number, b: number): boolean {
  const sa = scores[a] as number;
  const sb = scores[b] as number;
  return sa > sb || (sa === sb && a < b);
}

/**
 * The k best items, best first, by partial selection: a size-k heap whose root is the worst kept
 * item, so a full catalogue costs O(n log k) instead of a full sort.
 */
export function topK(scores: Float32Array, k: number): Int32Array {
  const size = Math.min(k, scores.length);
  const heap = new Int32Array(size);
  let filled = 0;
  for (let i = 0; i < scores.length; i += 1) {
    if (filled < size) {
      heap[filled] = i;
      siftUp(heap, filled, scores);
      filled += 1;
    } else if (size > 0 && before(scores, i, heap[0] as number)) {
      heap[0] = i;
      siftDown(heap, size, scores);
    }
  }
  return Int32Array.from(heap).sort((a, b) => (before(scores, a, b) ? -1 : 1));
}

// Heap order: a parent ranks *after* its children, so the root is the weakest of the kept items.
function siftUp(heap: Int32Array, at: number, scores: Float32Array): void {
  let i = at;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if (!before(scores, heap[parent] as number, heap[i] as number)) break;
    [heap[parent], heap[i]] = [heap[i] as number, heap[parent] as number];
    i = parent;
  }
}

function siftDown(heap: Int32Array, size: number, scores: Float32Array): void {
  let i = 0;
  for (;;) {
    const l = 2 * i + 1;
    const r = l + 1;
    let worst = i;
    if (l < size && before(scores, heap[worst] as number, heap[l] as number)) worst = l;
    if (r < size && before(scores, heap[worst] as number, heap[r] as number)) worst = r;
    if (worst === i) return;
    [heap[worst], heap[i]] = [heap[i] as number, heap[worst] as number];
    i = worst;
  }
}

/**
 * The catalogue's words with how many items hold each, for typo correction and type-ahead.
 *
 * Typo lookup is a deletion neighbourhood (SymSpell): every word is indexed under the strings left
 * after deleting up to 2 letters of its first PREFIX letters (1 below 6 letters). A typed word
 * generates the same deletions of its own first PREFIX letters within its edit budget
 * (allowedEdits) and only the words that share one are checked with the true distance
 * (editDistanceWithin) over the whole word, so a lookup never scans the vocabulary and stays exact:
 * two strings within d edits share a common subsequence c reachable by at most d deletions from
 * each, and cutting both at PREFIX letters leaves two prefixes of c, the shorter reachable from both
 * prefixes by at most d deletions (the property test compares it with a brute-force scan).
 *
 * Memory: the deletion strings are never stored. Each is hashed to 32 bits and the (hash, word id)
 * pairs are kept sorted in two Uint32Arrays (8 bytes a pair); a hash collision only adds a
 * candidate the true distance rejects. Words added since the last build are checked directly and
 * removed ones skipped by id; past PENDING_SCAN of either, a rebuild starts in turns of the event loop
 * (never one long block), and lookups go on with the old index and the direct checks until it swaps in.
 *
 * Kept current item by item: `setItem` removes the words an item no longer has and adds the new
 * ones; a word no item holds any more leaves the dictionary.
 */
import { allowedEdits, editDistanceWithin } from './edit-distance';
import { nextTurn } from '../workers/time-slices';

export interface Correction {
  term: string;
  edits: number;
  /** Items holding the word. */
  items: number;
}

/** Words shorter than this are never corrected or completed from (too many neighbours). */
const MIN_CORRECTED = 4;
/** Words of only digits are model numbers and sizes: never corrected. */
const DIGITS = /^\p{N}+$/u;
/** Letters of a word whose deletions are indexed (SymSpell's prefix length). */
export const PREFIX = 7;
/** Words added (or removed) since the last build past which a rebuild starts. */
const PENDING_SCAN = 256;

/** The sorted deletion-hash index: keys[i] is a 32-bit hash of a deletion string, ids[i] the word filed under it. */
interface DeletionIndex {
  keys: Uint32Array;
  ids: Uint32Array;
  /** Low hash bits dropped so that (hash, id) packs into 53 bits (0 below 2M words). */
  shift: number;
}

export class TermDictionary {
  /** Word -> items holding it. */
  private readonly counts = new Map<string, number>();
  /** Word -> its id in `words` (indexed words only: long enough, not all digits). */
  private readonly ids = new Map<string, number>();
  /** Id -> word; undefined once the word left (its index pairs are skipped until the next build). */
  private words: (string | undefined)[] = [];
  private index: DeletionIndex = { keys: new Uint32Array(0), ids: new Uint32Array(0), shift: 0 };
  /** Ids added since the last build (not in `index`). */
  private pending: number[] = [];
  /** Ids in `index` whose word left. */
  private removed = 0;
  /** The rebuild in progress, if any. */
  private building: Promise<void> | null = null;
  private readonly itemTerms = new Map<string, readonly string[]>();
  /** The words in code-unit order for prefix completion; rebuilt on the first lookup after a change. */
  private sorted: string[] | null = null;

  get size(): number {
    return this.counts.size;
  }

  /** Bytes held by the deletion index's typed arrays (for measurements). */
  get indexBytes(): number {
    return this.index.keys.byteLength + this.index.ids.byteLength;
  }

  /** Sets an item's words (its title, brand and category words), replacing what it held before. */
  setItem(itemId: string, words: readonly string[]): void {
    const next = [...new Set(words)];
    const before = this.itemTerms.get(itemId);
    if (before) {
      const keep = new Set(next);
      for (const w of before) if (!keep.has(w)) this.decrement(w);
    }
    const had = new Set(before ?? []);
    for (const w of next) if (!had.has(w)) this.increment(w);
    this.itemTerms.set(itemId, next);
  }

  itemsWith(term: string): number {
    return this.counts.get(term) ?? 0;
  }

  /** Catalogue words within the typed word's edit budget, fewest edits first, then most items. The word itself is not returned. */
  corrections(word: string, limit = 5): Correction[] {
    const max = allowedEdits(word);
    if (max === 0 || DIGITS.test(word)) return [];
    this.settle();
    const candidates = new Set<number>();
    const { keys, ids, shift } = this.index;
    for (const d of deletionsOf(prefixOf(word), max)) {
      const h = hash32(d) >>> shift;
      for (let i = lowerBound(keys, h); i < keys.length && keys[i] === h; i++) candidates.add(ids[i]!);
    }
    for (const id of this.pending) candidates.add(id);
    const out: Correction[] = [];
    for (const id of candidates) {
      const term = this.words[id];
      if (term === undefined || term === word) continue;
      const edits = editDistanceWithin(word, term, max);
      if (edits !== undefined) out.push({ term, edits, items: this.counts.get(term) ?? 0 });
    }
    out.sort((a, b) => a.edits - b.edits || b.items - a.items || (a.term < b.term ? -1 : 1));
    return out.slice(0, limit);
  }

  /** Words starting with `prefix`, most items first (type-ahead). */
  completions(prefix: string, limit = 8): { term: string; items: number }[] {
    if (prefix === '') return [];
    const sorted = this.sortedTerms();
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid]! < prefix) lo = mid + 1;
      else hi = mid;
    }
    const hits: { term: string; items: number }[] = [];
    for (let i = lo; i < sorted.length && sorted[i]!.startsWith(prefix); i++) hits.push({ term: sorted[i]!, items: this.counts.get(sorted[i]!) ?? 0 });
    hits.sort((a, b) => b.items - a.items || (a.term < b.term ? -1 : 1));
    return hits.slice(0, limit);
  }

  private increment(word: string): void {
    const n = this.counts.get(word);
    if (n !== undefined) {
      this.counts.set(word, n + 1);
      return;
    }
    this.counts.set(word, 1);
    this.sorted = null;
    if ([...word].length < MIN_CORRECTED - 1 || DIGITS.test(word)) return;
    const id = this.words.length;
    this.words.push(word);
    this.ids.set(word, id);
    this.pending.push(id);
  }

  private decrement(word: string): void {
    const n = this.counts.get(word) ?? 0;
    if (n > 1) {
      this.counts.set(word, n - 1);
      return;
    }
    this.counts.delete(word);
    this.sorted = null;
    const id = this.ids.get(word);
    if (id === undefined) return;
    this.ids.delete(word);
    this.words[id] = undefined;
    this.removed++;
  }

  /**
   * Starts a rebuild of the index (in turns of the event loop, never in one block) when too many
   * words were added (checked one by one until then) or removed (dead pairs) since the last build.
   * Lookups go on meanwhile with the old index and the words added since, so they stay exact.
   */
  private settle(): void {
    if (this.removed > 0) this.pending = this.pending.filter((id) => this.words[id] !== undefined);
    if (this.building === null && (this.pending.length > PENDING_SCAN || this.removed > Math.max(PENDING_SCAN, this.ids.size / 4))) {
      this.building = this.rebuildInTurns().finally(() => {
        this.building = null;
      });
    }
  }

  /** Resolves once the deletion index holds every word (a rebuild started if one is due). */
  async whenIndexed(): Promise<void> {
    this.settle();
    while (this.building !== null) {
      await this.building;
      this.settle();
    }
  }

  /** Files the words known now into a new index, then swaps it in, renumbering the words that came or went meanwhile. */
  private async rebuildInTurns(): Promise<void> {
    const snapshot = [...this.ids.keys()];
    const index = await buildIndexInTurns(snapshot);
    const words: (string | undefined)[] = snapshot.map((w) => (this.ids.has(w) ? w : undefined));
    const removed = words.length - words.filter((w) => w !== undefined).length;
    const position = new Map<string, number>();
    snapshot.forEach((w, i) => position.set(w, i));
    const pending: number[] = [];
    for (const w of this.ids.keys()) {
      if (position.has(w)) continue;
      position.set(w, words.length);
      pending.push(words.length);
      words.push(w);
    }
    this.ids.clear();
    for (const [w, i] of position) if (words[i] !== undefined) this.ids.set(w, i);
    this.words = words;
    this.index = index;
    this.pending = pending;
    this.removed = removed;
  }

  private sortedTerms(): string[] {
    this.sorted ??= [...this.counts.keys()].sort();
    return this.sorted;
  }
}

/** Words hashed per turn of the event loop, and key buckets sorted per turn, while an index is built. */
const WORDS_PER_TURN = 2000;
const BUCKET_BITS = 8;
const BUCKETS_PER_TURN = 16;

/**
 * The sorted (hash, id) index of `words`, built in turns: the words' deletion hashes a chunk at a
 * time, then the pairs placed by the top bits of their hash into buckets and each bucket sorted on
 * its own (the buckets in key order make the whole array sorted), so no turn holds the thread long.
 */
async function buildIndexInTurns(words: readonly string[]): Promise<DeletionIndex> {
  // (hash, id) packed into one double so that a native numeric sort orders the pairs: hash * 2^idBits + id < 2^53.
  const idBits = Math.max(1, Math.ceil(Math.log2(words.length + 1)));
  const hashShift = Math.max(0, 32 + idBits - 53);
  const scale = 2 ** idBits;
  const keyBits = 32 - hashShift;
  const bucketOf = (k: number): number => Math.floor(k / 2 ** (keyBits - BUCKET_BITS));
  const perWord: number[][] = [];
  const bucketSizes = new Uint32Array(2 ** BUCKET_BITS);
  for (let start = 0; start < words.length; start += WORDS_PER_TURN) {
    for (let id = start; id < Math.min(words.length, start + WORDS_PER_TURN); id++) {
      const w = words[id]!;
      const keys = [...deletionsOf(prefixOf(w), indexedDeletions(w))].map((d) => hash32(d) >>> hashShift);
      for (const k of keys) bucketSizes[bucketOf(k)]!++;
      perWord.push(keys);
    }
    await nextTurn();
  }
  const offsets = new Uint32Array(bucketSizes.length + 1);
  for (let b = 0; b < bucketSizes.length; b++) offsets[b + 1] = offsets[b]! + bucketSizes[b]!;
  const total = offsets[bucketSizes.length]!;
  const packed = new Float64Array(total);
  const fill = offsets.slice(0, bucketSizes.length);
  perWord.forEach((keys, id) => {
    for (const k of keys) packed[fill[bucketOf(k)]!++] = k * scale + id;
  });
  perWord.length = 0;
  for (let b = 0; b < bucketSizes.length; b++) {
    packed.subarray(offsets[b]!, offsets[b + 1]!).sort();
    if ((b + 1) % BUCKETS_PER_TURN === 0) await nextTurn();
  }
  const keys = new Uint32Array(total);
  const ids = new Uint32Array(total);
  for (let i = 0; i < total; i++) {
    const v = packed[i]!;
    const k = Math.floor(v / scale);
    keys[i] = k;
    ids[i] = v - k * scale;
  }
  return { keys, ids, shift: hashShift };
}

/** First index whose key is >= h. */
function lowerBound(keys: Uint32Array, h: number): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (keys[mid]! < h) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** FNV-1a over UTF-16 code units, 32 bits. */
function hash32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** The word's first PREFIX letters (code points). */
function prefixOf(word: string): string {
  const letters = [...word];
  return letters.length <= PREFIX ? word : letters.slice(0, PREFIX).join('');
}

/**
 * Deletions indexed for a catalogue word: a typed word of 8+ letters (2 edits) can only reach words
 * of 6+ letters, and one of 4–7 letters (1 edit) words of 3–8.
 */
function indexedDeletions(word: string): number {
  return [...word].length >= 6 ? 2 : 1;
}

/** The word and every string left after deleting up to `max` of its letters. */
export function deletionsOf(word: string, max: number): Set<string> {
  const out = new Set<string>([word]);
  let frontier = [word];
  for (let d = 0; d < max; d++) {
    const next: string[] = [];
    for (const w of frontier) {
      const letters = [...w];
      for (let i = 0; i < letters.length; i++) {
        const shorter = letters.slice(0, i).join('') + letters.slice(i + 1).join('');
        if (!out.has(shorter)) {
          out.add(shorter);
          next.push(shorter);
        }
      }
    }
    frontier = next;
  }
  return out;
}

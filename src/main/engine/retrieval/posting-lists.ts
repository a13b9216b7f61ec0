/**
 * Posting lists in memory and what a keyword query does with them, as plain functions over typed
 * arrays: a MATCH expression's tree, FTS5's varints, sorted-list intersection and union, a word's list
 * from its instances, the merge of a prefix's words, which phrases FTS5 counts for a matched doc, and the
 * order of ranked docs. `KeywordPostings` (keyword-postings.ts) keeps the lists and scores with them.
 */
/** A phrase of a MATCH expression: one word, matched whole or as a prefix. */
export interface MatchPhrase {
  readonly word: string;
  readonly prefix: boolean;
}

/** A MATCH expression's boolean structure; leaves index `MatchTree.phrases`. */
export type MatchNode = { readonly op: 'and' | 'or'; readonly children: readonly MatchNode[] } | { readonly phrase: number };

/** A MATCH expression as FTS5 sees it: its phrases in the order they appear in the text, and how they combine. */
export interface MatchTree {
  readonly phrases: readonly MatchPhrase[];
  readonly root: MatchNode;
}

/** A word's (or a prefix's) docs and, per doc, how much of it the doc holds. */
export interface Posting {
  /** Ascending. */
  readonly docs: Int32Array;
  /** Per doc, the sum of the column weights over its instances (FTS5's aFreq): small integers, exact in 32 bits. */
  readonly freqs: Float32Array;
}

export const keyOf = (p: MatchPhrase): string => (p.prefix ? `${p.word}*` : p.word);

/** An FTS5 varint (SQLite's format: big-endian 7-bit groups, the 9th byte whole). */
export function readVarint(buf: Uint8Array, pos: number): [number, number] {
  let v = 0;
  for (let i = 0; i < 8; i++) {
    const b = buf[pos + i]!;
    v = v * 128 + (b & 0x7f);
    if ((b & 0x80) === 0) return [v, pos + i + 1];
  }
  return [v * 256 + buf[pos + 8]!, pos + 9];
}

export function sumVarints(buf: Uint8Array, from = 0): number {
  let sum = 0;
  for (let pos = from; pos < buf.length; ) {
    const [v, next] = readVarint(buf, pos);
    sum += v;
    pos = next;
  }
  return sum;
}

export function intersect(a: Int32Array, b: Int32Array): Int32Array {
  const out = new Int32Array(Math.min(a.length, b.length));
  let n = 0;
  for (let i = 0, j = 0; i < a.length && j < b.length; ) {
    const x = a[i]!;
    const y = b[j]!;
    if (x === y) {
      out[n++] = x;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return out.subarray(0, n);
}

export function union(a: Int32Array, b: Int32Array): Int32Array {
  const out = new Int32Array(a.length + b.length);
  let n = 0;
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    if (x === y) {
      out[n++] = x;
      i++;
      j++;
    } else if (x < y) {
      out[n++] = x;
      i++;
    } else {
      out[n++] = y;
      j++;
    }
  }
  while (i < a.length) out[n++] = a[i++]!;
  while (j < b.length) out[n++] = b[j++]!;
  return out.subarray(0, n);
}

/** The docs the tree matches, ascending. */
export function evaluate(node: MatchNode, lists: readonly Posting[]): Int32Array {
  if ('phrase' in node) return lists[node.phrase]!.docs;
  const parts = node.children.map((c) => evaluate(c, lists));
  if (node.op === 'and') {
    parts.sort((a, b) => a.length - b.length);
    let acc = parts[0]!;
    for (let i = 1; i < parts.length && acc.length > 0; i++) acc = intersect(acc, parts[i]!);
    return acc;
  }
  return parts.reduce(union);
}

/** A word's list from its instances (rows of one term come in doc order; any order is handled). */
export function postingOf(rows: readonly [number, string][], weights: ReadonlyMap<string, number>): Posting {
  const docs = new Int32Array(rows.length);
  const freqs = new Float32Array(rows.length);
  let n = 0;
  let sorted = true;
  for (const [doc, col] of rows) {
    const w = weights.get(col) ?? 1;
    if (n > 0 && docs[n - 1] === doc) freqs[n - 1] = freqs[n - 1]! + w;
    else {
      if (n > 0 && docs[n - 1]! > doc) sorted = false;
      docs[n] = doc;
      freqs[n++] = w;
    }
  }
  if (sorted) return { docs: docs.slice(0, n), freqs: freqs.slice(0, n) };
  const freq = new Map<number, number>();
  for (let i = 0; i < n; i++) freq.set(docs[i]!, (freq.get(docs[i]!) ?? 0) + freqs[i]!);
  const ordered = Int32Array.from(freq.keys()).sort();
  return { docs: ordered, freqs: Float32Array.from(ordered, (d) => freq.get(d)!) };
}

/** Two lists as one: every doc of either, the frequencies of a doc in both added. */
export function mergeAdd(a: Posting, b: Posting): Posting {
  const docs = new Int32Array(a.docs.length + b.docs.length);
  const freqs = new Float32Array(docs.length);
  let n = 0;
  let i = 0;
  let j = 0;
  while (i < a.docs.length || j < b.docs.length) {
    const x = i < a.docs.length ? a.docs[i]! : Infinity;
    const y = j < b.docs.length ? b.docs[j]! : Infinity;
    if (x === y) {
      docs[n] = x;
      freqs[n++] = a.freqs[i++]! + b.freqs[j++]!;
    } else if (x < y) {
      docs[n] = x;
      freqs[n++] = a.freqs[i++]!;
    } else {
      docs[n] = y;
      freqs[n++] = b.freqs[j++]!;
    }
  }
  return { docs: docs.slice(0, n), freqs: freqs.slice(0, n) };
}

/** Whether an AND node sits below an OR node: only then can a matching doc hold a phrase FTS5 does not count for it. */
export function andUnderOr(node: MatchNode, underOr = false): boolean {
  if ('phrase' in node) return false;
  if (node.op === 'and' && underOr) return true;
  return node.children.some((c) => andUnderOr(c, underOr || node.op === 'or'));
}

export function matchesDoc(node: MatchNode, freq: Float64Array): boolean {
  if ('phrase' in node) return freq[node.phrase]! > 0;
  return node.op === 'and' ? node.children.every((c) => matchesDoc(c, freq)) : node.children.some((c) => matchesDoc(c, freq));
}

/**
 * The phrases FTS5 reports instances of for a matched doc: a phrase the doc holds, under no AND node
 * the doc fails (FTS5 leaves the phrases of a failed AND positioned on another row, so bm25() sees
 * none of their instances: ("lamp" AND "desks") OR "lamp" counts "lamp" once for a doc without "desks").
 */
export function live(node: MatchNode, freq: Float64Array, counted: Uint8Array, ok: boolean): void {
  if ('phrase' in node) {
    if (ok && freq[node.phrase]! > 0) counted[node.phrase] = 1;
    return;
  }
  const here = ok && (node.op === 'or' || matchesDoc(node, freq));
  for (const c of node.children) live(c, freq, counted, here);
}

const K1 = 1.2;
const B = 0.75;

/**
 * FTS5's bm25() of each matched doc (negated: lower is better), in its double arithmetic: the
 * column-weighted frequency of each phrase FTS5 counts for the doc (`live`), `idf` per phrase, the
 * doc's length and the index's average length. `docs` ascending, as `evaluate` gives them.
 */
export function bm25Scores(root: MatchNode, lists: readonly Posting[], docs: Int32Array, idf: readonly number[], lengthOf: (doc: number) => number, avgdl: number): Float64Array {
  const cursors = new Int32Array(lists.length);
  const scores = new Float64Array(docs.length);
  const freq = new Float64Array(lists.length);
  const counted = andUnderOr(root) ? new Uint8Array(lists.length) : undefined;
  for (let d = 0; d < docs.length; d++) {
    const doc = docs[d]!;
    const D = lengthOf(doc);
    for (let p = 0; p < lists.length; p++) {
      const list = lists[p]!;
      let c = cursors[p]!;
      while (c < list.docs.length && list.docs[c]! < doc) c++;
      cursors[p] = c;
      freq[p] = c < list.docs.length && list.docs[c] === doc ? list.freqs[c]! : 0;
    }
    if (counted !== undefined) {
      counted.fill(0);
      live(root, freq, counted, true);
      for (let p = 0; p < lists.length; p++) if (counted[p] === 0) freq[p] = 0;
    }
    let score = 0;
    for (let p = 0; p < lists.length; p++) {
      const f = freq[p]!;
      score += idf[p]! * ((f * (K1 + 1.0)) / (f + K1 * (1 - B + (B * D) / avgdl)));
    }
    scores[d] = -1.0 * score;
  }
  return scores;
}

/** (a before b): lower bm25 first, then the lower doc id. */
export const before = (sa: number, da: number, sb: number, db: number): boolean => sa < sb || (sa === sb && da < db);

/** A doc and its bm25() (lower is better), as FTS5 reports it. */
export interface RankedDoc {
  doc: number;
  bm25: number;
}

/** The k best docs, best first (FTS5's order: lower bm25, then lower doc id): a binary heap of the k kept with the worst at the root. */
export function bestDocs(docs: Int32Array, scores: Float64Array, k: number): RankedDoc[] {
  const heap: number[] = [];
  const worse = (a: number, b: number): boolean => before(scores[b]!, docs[b]!, scores[a]!, docs[a]!);
  for (let i = 0; i < docs.length; i++) {
    if (heap.length < k) {
      heap.push(i);
      for (let c = heap.length - 1; c > 0; ) {
        const p = (c - 1) >> 1;
        if (!worse(heap[c]!, heap[p]!)) break;
        [heap[c], heap[p]] = [heap[p]!, heap[c]!];
        c = p;
      }
    } else if (worse(heap[0]!, i)) {
      heap[0] = i;
      for (let p = 0; ; ) {
        const l = 2 * p + 1;
        const r = l + 1;
        let m = p;
        if (l < heap.length && worse(heap[l]!, heap[m]!)) m = l;
        if (r < heap.length && worse(heap[r]!, heap[m]!)) m = r;
        if (m === p) break;
        [heap[m], heap[p]] = [heap[p]!, heap[m]!];
        p = m;
      }
    }
  }
  heap.sort((a, b) => (before(scores[a]!, docs[a]!, scores[b]!, docs[b]!) ? -1 : 1));
  return heap.map((i) => ({ doc: docs[i]!, bm25: scores[i]! }));
}

/**
 * A list with the written docs' new frequencies (`terms`: per written doc, its terms and their
 * column-weighted counts); a prefix's list (`key` ending in `*`) sums every term it starts; undefined
 * when no written doc holds the key or was in the list (nothing to change).
 */
export function patchedPosting(key: string, list: Posting, terms: ReadonlyMap<number, ReadonlyMap<string, number>>): Posting | undefined {
  const prefix = key.endsWith('*') ? key.slice(0, -1) : undefined;
  const next = new Map<number, number>();
  let touched = false;
  for (const [doc, t] of terms) {
    let f = 0;
    if (prefix === undefined) f = t.get(key) ?? 0;
    else for (const [term, w] of t) if (term.startsWith(prefix)) f += w;
    next.set(doc, f);
    if (f > 0 || indexOf(list, doc) >= 0) touched = true;
  }
  if (!touched) return undefined;
  const freq = new Map<number, number>();
  for (let i = 0; i < list.docs.length; i++) freq.set(list.docs[i]!, list.freqs[i]!);
  for (const [doc, f] of next) {
    if (f > 0) freq.set(doc, f);
    else freq.delete(doc);
  }
  const docs = Int32Array.from(freq.keys()).sort();
  const freqs = new Float32Array(docs.length);
  for (let i = 0; i < docs.length; i++) freqs[i] = freq.get(docs[i]!)!;
  return { docs, freqs };
}

function indexOf(list: Posting, doc: number): number {
  let lo = 0;
  let hi = list.docs.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const d = list.docs[mid]!;
    if (d === doc) return mid;
    if (d < doc) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

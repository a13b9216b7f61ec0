/**
 * Search quality on real titles (docs/SEARCH.md, "Search quality"): a query set built from the
 * shared Amazon sets' item titles, whose target is the item the title came from. Read from
 * ../shared/datasets (research data: never copied into the repository).
 *
 * Per set, a seeded sample of items with at least 3 informative title words (3+ letters, not all
 * digits, not a stop word) are targets. Queries: `cut` = 2–4 of those words (seeded choice, title
 * order); `typo` = the same with one seeded edit (delete, insert, substitute or swap neighbours) in
 * one word of 5+ letters. The catalogue is every target plus a seeded sample of other items of the
 * set (by default all of them), in a fresh store, embedded with the int8 text encoder. Nothing here is tuned: the engine's
 * defaults are measured as they are.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CatalogItem } from '../../src/shared/contract';
import { seededRandom } from '../../src/main/engine/datasets/seeded-random';
import { Engine } from '../../src/main/engine/engine';
import { percentileInterval } from '../../src/main/engine/eval/metrics/bootstrap';
import { itemText } from '../../src/main/engine/inference/item-text';
import type { SentenceEncoder } from '../../src/main/engine/inference/sentence-encoder';
import { encoderText } from '../../src/main/engine/retrieval/query-plan';
import { searchWords } from '../../src/main/engine/retrieval/search-words';

export const DATASETS = join(__dirname, '../../../shared/datasets');
const STOP = new Set(['and', 'for', 'the', 'with', 'from', 'you', 'your', 'all', 'per', 'pack', 'count', 'set', 'new', 'inch', 'ounce', 'fluid', 'size', 'one', 'two']);

export interface QualityOptions {
  targets: number;
  others: number;
  seed: number;
  /** A validation set: leave out the targets this seed's set would draw (the reported set's seed). */
  excludeSeed?: number;
}

interface Query {
  kind: 'cut' | 'typo';
  text: string;
  target: string;
}

/** Beauty: items.tsv (id, asin, title); titles only. */
export function beautyItems(): CatalogItem[] {
  const lines = readFileSync(join(DATASETS, 'amazon-beauty-2014/items.tsv'), 'utf8').split('\n').slice(1);
  return lines.flatMap((l) => {
    const [id, , title] = l.split('\t');
    const t = title?.trim().slice(0, 1000);
    return id && t ? [{ itemId: `b${id}`, title: t }] : [];
  });
}

/** Scientific: `title. categories. brand.` per ASIN; the categories are one string (levels not separated). */
export function scientificItems(): CatalogItem[] {
  const lines = readFileSync(join(DATASETS, 'amazon-scientific-2018-unisrec/Scientific.text'), 'utf8').split('\n').slice(1);
  return lines.flatMap((l) => {
    const [asin, text] = l.split('\t');
    if (!asin || !text?.trim()) return [];
    const parts = text.trim().split('. ');
    const brand = parts.length >= 3 ? parts.pop()!.replace(/\.\s*$/, '').trim() : undefined;
    const category = parts.length >= 2 ? parts.pop()!.replace(/^Industrial & Scientific\s*/, '').trim() : undefined;
    const title = parts.join('. ').trim().slice(0, 1000);
    if (!title) return [];
    return [{ itemId: asin, title, ...(brand ? { brand: brand.slice(0, 200) } : {}), ...(category ? { category: category.slice(0, 500) } : {}) }];
  });
}

const informative = (w: string): boolean => [...w].length >= 3 && !/^\p{N}+$/u.test(w) && !STOP.has(w);

function misspell(word: string, random: () => number): string {
  const letters = [...word];
  for (;;) {
    const i = Math.floor(random() * letters.length);
    const letter = String.fromCharCode(97 + Math.floor(random() * 26));
    const kind = Math.floor(random() * 4);
    const out = [...letters];
    if (kind === 0) out.splice(i, 1);
    else if (kind === 1) out.splice(i, 0, letter);
    else if (kind === 2) out[i] = letter;
    else if (i + 1 < out.length) [out[i], out[i + 1]] = [out[i + 1]!, out[i]!];
    const s = out.join('');
    if (s !== word) return s;
  }
}

export function buildQueries(items: readonly CatalogItem[], opts: QualityOptions): { queries: Query[]; catalogue: CatalogItem[] } {
  const excluded = opts.excludeSeed === undefined ? new Set<string>() : new Set(buildQueries(items, { ...opts, seed: opts.excludeSeed, excludeSeed: undefined }).queries.map((q) => q.target));
  const random = seededRandom(opts.seed);
  const shuffled = items.filter((it) => !excluded.has(it.itemId));
  for (let i = shuffled.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
  }
  const targets = shuffled.filter((it) => searchWords(it.title).filter(informative).length >= 3).slice(0, opts.targets);
  const chosen = new Set(targets.map((t) => t.itemId));
  // Excluded targets stay in the catalogue (as other items): only the queries differ.
  const others = [...shuffled, ...items.filter((it) => excluded.has(it.itemId))].filter((it) => !chosen.has(it.itemId)).slice(0, opts.others);
  const queries: Query[] = [];
  for (const t of targets) {
    const words = [...new Set(searchWords(t.title).filter(informative))];
    const keep = Math.min(words.length, 2 + Math.floor(random() * 3));
    const picked = new Set<number>();
    while (picked.size < keep) picked.add(Math.floor(random() * words.length));
    const cut = [...picked].sort((a, b) => a - b).map((i) => words[i]!);
    queries.push({ kind: 'cut', text: cut.join(' '), target: t.itemId });
    const long = cut.map((w, i) => ({ w, i })).filter((x) => [...x.w].length >= 5);
    if (long.length > 0) {
      const pick = long[Math.floor(random() * long.length)]!;
      const typo = [...cut];
      typo[pick.i] = misspell(pick.w, random);
      queries.push({ kind: 'typo', text: typo.join(' '), target: t.itemId });
    }
  }
  return { queries, catalogue: [...targets, ...others] };
}

export const METHODS = ['lexical', 'semantic', 'hybrid'] as const;
type Method = (typeof METHODS)[number];
type Run = `${Method}_${'typo' | 'notypo'}`;

/** Reciprocal rank at 10 of the target per query and run. */
export async function evaluateSet(name: string, items: readonly CatalogItem[], encoder: SentenceEncoder, opts: QualityOptions): Promise<{ queries: Query[]; rr: Map<Run, Float64Array>; catalogue: number }> {
  const { queries, catalogue } = buildQueries(items, opts);
  const dir = mkdtempSync(join(tmpdir(), `instinct-search-quality-${name}-`));
  const engine = new Engine({ dataDir: dir, host: 'bench' });
  try {
    for (let i = 0; i < catalogue.length; i += 2000) engine.catalog.upsertItems(catalogue.slice(i, i + 2000));
    const t0 = Date.now();
    const vectors = await encoder.embed(catalogue.map(itemText));
    process.stderr.write(`${name}: embedded ${catalogue.length} items in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
    engine.vectors.put(catalogue.map((it, i) => ({ itemId: it.itemId, modelVersion: encoder.modelVersion, contentHash: 'bench', vector: vectors[i]! })));
    const retrieval = engine.retrieval();
    const queryVectors = new Map<string, Float32Array>();
    const embed = async (text: string): Promise<Float32Array> => {
      let v = queryVectors.get(text);
      if (!v) queryVectors.set(text, (v = await encoder.embedQuery(text)));
      return v;
    };
    const rr = new Map<Run, Float64Array>();
    for (const m of METHODS) for (const t of ['typo', 'notypo'] as const) rr.set(`${m}_${t}`, new Float64Array(queries.length));
    const rankOf = (ids: readonly string[], target: string): number => {
      const i = ids.slice(0, 10).indexOf(target);
      return i < 0 ? 0 : 1 / (i + 1);
    };
    for (let q = 0; q < queries.length; q++) {
      const { text, target } = queries[q]!;
      for (const typos of [true, false]) {
        const suffix = typos ? 'typo' : 'notypo';
        const plan = engine.searchVocabulary.rewrite(text, { typos });
        const vector = await embed(encoderText(plan) || text);
        rr.get(`lexical_${suffix}`)![q] = rankOf(retrieval.searchHybrid(text, undefined, 10, undefined, plan).map((h) => h.itemId), target);
        rr.get(`semantic_${suffix}`)![q] = rankOf(retrieval.searchSemantic(vector, 10).map((h) => h.itemId), target);
        rr.get(`hybrid_${suffix}`)![q] = rankOf(retrieval.searchHybrid(text, vector, 10, undefined, plan).map((h) => h.itemId), target);
      }
    }
    return { queries, rr, catalogue: catalogue.length };
  } finally {
    await engine.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const mean = (xs: ArrayLike<number>): number => {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i]!;
  return xs.length === 0 ? 0 : s / xs.length;
};

/** Paired percentile bootstrap of (mean a - mean b) / mean b over the same queries. */
export function relativeDifferenceInterval(a: Float64Array, b: Float64Array, resamples: number, seed: number): [number, number] {
  const random = seededRandom(seed);
  const n = a.length;
  const out = new Float64Array(resamples);
  for (let r = 0; r < resamples; r++) {
    let sa = 0;
    let sb = 0;
    for (let i = 0; i < n; i++) {
      const j = Math.floor(random() * n);
      sa += a[j]!;
      sb += b[j]!;
    }
    out[r] = sb === 0 ? 0 : (sa - sb) / sb;
  }
  return percentileInterval(out, 0.95);
}

const round = (x: number, d = 4): number => Math.round(x * 10 ** d) / 10 ** d;

/** Flat figures: MRR@10 and Recall@10 per set, query kind and run; hybrid+typo against the best single method. */
export function qualityFigures(name: string, queries: readonly Query[], rr: Map<Run, Float64Array>, seed: number): Record<string, number | string | boolean> {
  const out: Record<string, number | string | boolean> = { [`q_${name}_queries`]: queries.length, [`q_${name}_typo_queries`]: queries.filter((q) => q.kind === 'typo').length };
  const subsets: [string, (q: Query) => boolean][] = [
    ['all', () => true],
    ['cut', (q) => q.kind === 'cut'],
    ['typo', (q) => q.kind === 'typo'],
  ];
  for (const [sub, keep] of subsets) {
    const idx = queries.flatMap((q, i) => (keep(q) ? [i] : []));
    for (const [run, values] of rr) {
      const v = idx.map((i) => values[i]!);
      out[`q_${name}_${sub}_${run}_mrr10`] = round(mean(v));
      out[`q_${name}_${sub}_${run}_recall10`] = round(mean(v.map((x) => (x > 0 ? 1 : 0))));
    }
  }
  const singles: Run[] = ['lexical_typo', 'lexical_notypo', 'semantic_typo', 'semantic_notypo'];
  const best = singles.reduce((a, b) => (mean(rr.get(b)!) > mean(rr.get(a)!) ? b : a));
  const h = rr.get('hybrid_typo')!;
  const b = rr.get(best)!;
  const rel = (mean(h) - mean(b)) / mean(b);
  const [lo, hi] = relativeDifferenceInterval(h, b, 2000, seed);
  out[`q_${name}_best_single`] = best;
  out[`q_${name}_hybrid_typo_vs_best_rel`] = round(rel);
  out[`q_${name}_hybrid_typo_vs_best_ci_lo`] = round(lo);
  out[`q_${name}_hybrid_typo_vs_best_ci_hi`] = round(hi);
  out[`q_${name}_target_5pct_met`] = rel >= 0.05;
  return out;
}

export function datasetsPresent(): boolean {
  return existsSync(join(DATASETS, 'amazon-beauty-2014/items.tsv'));
}

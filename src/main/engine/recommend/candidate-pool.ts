/** Raw evidence per candidate item, gathered from every source before scoring. */
export interface PoolEntry {
  itemId: string;
  /** Each source that proposed it, once, in the order they did (a handful at most: an array costs less than a Set per candidate). */
  sources: string[];
  /** Cosine to the intent (or query) vector, where known. */
  similarity?: number;
  coVisit?: number;
  /** Search relevance (reciprocal-rank fusion), for search lists. */
  relevance?: number;
  /** The promoted intent model's score, scaled to [0, 1] over its top list. */
  learned?: number;
}

/** Collects candidates from several sources; an item proposed twice keeps both pieces of evidence. */
export class CandidatePool {
  readonly entries = new Map<string, PoolEntry>();

  add(itemId: string, source: string, evidence: Partial<Omit<PoolEntry, 'itemId' | 'sources'>> = {}): void {
    let entry = this.entries.get(itemId);
    if (!entry) this.entries.set(itemId, (entry = { itemId, sources: [source] }));
    else if (!entry.sources.includes(source)) entry.sources.push(source);
    if (evidence.similarity !== undefined) entry.similarity = Math.max(entry.similarity ?? -1, evidence.similarity);
    if (evidence.coVisit !== undefined) entry.coVisit = Math.max(entry.coVisit ?? 0, evidence.coVisit);
    if (evidence.relevance !== undefined) entry.relevance = Math.max(entry.relevance ?? 0, evidence.relevance);
    if (evidence.learned !== undefined) entry.learned = Math.max(entry.learned ?? 0, evidence.learned);
  }

  remove(itemId: string): void {
    this.entries.delete(itemId);
  }
}

/** The synonym sets merchandisers manage (migration 008), every change audited. */
import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { ContractError, type StoredSynonymSet, type SynonymSetInput } from '../../../shared/contract';
import type { AuditedBy, AuditLog } from '../store/audit-log';
import type { SynonymSet } from './query-rewriter';
import { searchWords } from './search-words';

interface SynonymRow {
  synonym_id: string;
  kind: 'two-way' | 'one-way';
  from_phrase: string | null;
  terms: string;
  updated_at: number;
}

const toStored = (r: SynonymRow): StoredSynonymSet => ({ synonymId: r.synonym_id, kind: r.kind, from: r.from_phrase, terms: JSON.parse(r.terms) as string[], updatedAt: r.updated_at });

/** At most this many sets: each becomes entries of an in-memory table consulted on every search. */
export const MAX_SYNONYM_SETS = 5000;

export class SynonymStore {
  private readonly listeners: (() => void)[] = [];

  constructor(
    private readonly db: Database,
    private readonly audit?: AuditLog,
  ) {}

  /** Oldest first; sets written at one clock tick (an import) keep the order they were written in. */
  list(): StoredSynonymSet[] {
    return (this.db.prepare('SELECT * FROM search_synonyms ORDER BY created_at, rowid').all() as SynonymRow[]).map(toStored);
  }

  /** The sets as the query rewriter reads them. */
  sets(): SynonymSet[] {
    return this.list().map((s) => (s.kind === 'one-way' && s.from !== null ? { kind: 'one-way', from: s.from, terms: s.terms } : { kind: 'two-way', terms: s.terms }));
  }

  set(input: SynonymSetInput, synonymId: string | undefined, by: AuditedBy = {}, now = Date.now()): StoredSynonymSet {
    const terms = validTerms(input);
    const from = input.kind === 'one-way' ? input.from.trim() : null;
    const existing = synonymId === undefined ? undefined : this.get(synonymId);
    if (synonymId !== undefined && !existing) throw new ContractError('not_found', `synonymId: no synonym set ${synonymId}`, [{ path: 'synonymId', message: 'not found' }]);
    if (!existing && this.count() >= MAX_SYNONYM_SETS) throw new ContractError('conflict', `at most ${MAX_SYNONYM_SETS} synonym sets`);
    const id = synonymId ?? randomUUID();
    this.db
      .prepare(`INSERT INTO search_synonyms (synonym_id, kind, from_phrase, terms, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)
        ON CONFLICT(synonym_id) DO UPDATE SET kind = excluded.kind, from_phrase = excluded.from_phrase, terms = excluded.terms, updated_at = excluded.updated_at`)
      .run(id, input.kind, from, JSON.stringify(terms), now, now);
    const stored = this.get(id)!;
    this.audit?.record(by.actor ?? 'operator', existing ? 'synonyms.update' : 'synonyms.create', id, { kind: stored.kind, from: stored.from, terms: stored.terms, ...(existing ? { before: existing } : {}), ...by.detail });
    this.changed();
    return stored;
  }

  delete(synonymId: string, by: AuditedBy = {}): StoredSynonymSet {
    const existing = this.get(synonymId);
    if (!existing) throw new ContractError('not_found', `synonymId: no synonym set ${synonymId}`, [{ path: 'synonymId', message: 'not found' }]);
    this.db.prepare('DELETE FROM search_synonyms WHERE synonym_id = ?').run(synonymId);
    this.audit?.record(by.actor ?? 'operator', 'synonyms.delete', synonymId, { kind: existing.kind, from: existing.from, terms: existing.terms, ...by.detail });
    this.changed();
    return existing;
  }

  onChange(listener: () => void): void {
    this.listeners.push(listener);
  }

  private get(synonymId: string): StoredSynonymSet | undefined {
    const row = this.db.prepare('SELECT * FROM search_synonyms WHERE synonym_id = ?').get(synonymId) as SynonymRow | undefined;
    return row ? toStored(row) : undefined;
  }

  private count(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM search_synonyms').get() as { n: number }).n;
  }

  private changed(): void {
    for (const l of this.listeners) l();
  }
}

/** Every phrase must hold a searchable word, no phrase twice, and a one-way set must not map a phrase to itself. */
function validTerms(input: SynonymSetInput): string[] {
  const issues: { path: string; message: string }[] = [];
  const seen = new Set<string>();
  const terms = input.terms.map((t) => t.trim());
  terms.forEach((t, i) => {
    const key = searchWords(t).join(' ');
    if (key === '') issues.push({ path: `set.terms.${i}`, message: 'has no searchable word' });
    else if (seen.has(key)) issues.push({ path: `set.terms.${i}`, message: `repeats "${t}"` });
    else if (searchWords(t).length > 4) issues.push({ path: `set.terms.${i}`, message: 'at most 4 words' });
    seen.add(key);
  });
  if (input.kind === 'one-way') {
    const from = searchWords(input.from).join(' ');
    if (from === '') issues.push({ path: 'set.from', message: 'has no searchable word' });
    else if (searchWords(input.from).length > 4) issues.push({ path: 'set.from', message: 'at most 4 words' });
    else if (seen.has(from)) issues.push({ path: 'set.from', message: 'a phrase cannot be its own synonym' });
  }
  if (issues.length > 0) throw new ContractError('bad_request', `synonym set: ${issues.map((i) => `${i.path} ${i.message}`).join('; ')}`, issues);
  return terms;
}

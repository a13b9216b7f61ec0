import type { Database } from 'better-sqlite3';
import { join } from 'node:path';
import type { CatalogItem } from '../../../../src/shared/contract/catalog';
import { CHANNELS, type ChannelScores, type Rule } from '../../../../src/shared/contract/recommendations';
import type { RankingCandidate } from '../../../../src/main/engine/ranking';
import { CatalogRepository, openDatabase } from '../../../../src/main/engine/store';
import { tempDir } from '../../../helpers/temp-dir';

export const NOW = Date.UTC(2026, 2, 1, 12);

/** A candidate whose behaviour score is `score` (other channels 0), so with weight 1 its fused score is `score`. */
export function candidate(itemId: string, score: number, extra: Partial<RankingCandidate> = {}): RankingCandidate {
  const scores = Object.fromEntries(CHANNELS.map((c) => [c, 0])) as ChannelScores;
  scores.behaviour = score;
  return { itemId, title: `Item ${itemId}`, sources: ['ann'], scores, ...extra };
}

/** Weights that make the fused score equal the behaviour score. */
export const BEHAVIOUR_ONLY = Object.fromEntries(CHANNELS.map((c) => [c, c === 'behaviour' ? 1 : 0])) as Record<(typeof CHANNELS)[number], number>;

let ruleSeq = 0;
/** An in-memory rule for pure ranking tests (the store is tested separately). */
export function rule(fields: Partial<Rule> & Pick<Rule, 'kind' | 'target'>): Rule {
  ruleSeq++;
  return { ruleId: `r-${ruleSeq}`, strength: 0.5, slot: '*', startsAt: null, endsAt: null, enabled: true, note: '', createdAt: NOW, updatedAt: NOW, ...fields };
}

/** A real SQLite file in a temp folder with the migrations applied and a few catalogue items. */
export function tempStore(items: CatalogItem[] = []): { db: Database; cleanup: () => void } {
  const t = tempDir('instinct-ranking-');
  const db = openDatabase(join(t.dir, 'instinct.db'));
  if (items.length) new CatalogRepository(db).upsertItems(items, NOW);
  return {
    db,
    cleanup: () => {
      db.close();
      t.cleanup();
    },
  };
}

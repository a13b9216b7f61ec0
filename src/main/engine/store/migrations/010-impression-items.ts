import type { Migration } from './migration';

/**
 * One row per shown item of every logged list, whichever form its `items` JSON has: the compact
 * arrays written from this version on (`ranking/impressions/stored-items.ts`) or the `RankedItem`
 * objects of older rows. For analysts' SQL (docs/RANKING.md, "Impressions and propensities"); the
 * engine reads `impressions.items` itself.
 */
const migration: Migration = {
  version: 10,
  name: 'impression_items: one row per shown item of every logged list',
  up: `
    CREATE VIEW impression_items AS
    SELECT i.impression_id, i.created_at, i.slot, i.shopper_id, i.session_id,
      coalesce(json_extract(j.value, '$[0]'), json_extract(j.value, '$.itemId')) AS item_id,
      coalesce(json_extract(j.value, '$[1]'), json_extract(j.value, '$.position')) AS position,
      coalesce(json_extract(j.value, '$[2]'), json_extract(j.value, '$.score')) AS score,
      coalesce(json_extract(j.value, '$[3]'), json_extract(j.value, '$.propensity')) AS propensity
    FROM impressions i, json_each(i.items) j;
  `,
};

export default migration;

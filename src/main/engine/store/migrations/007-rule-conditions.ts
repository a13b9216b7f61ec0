import type { Migration } from './migration';

const migration: Migration = {
  version: 7,
  name: 'rules: query condition, category scope, schedule and redirect URL',
  up: `
    -- One JSON object: { query, category, schedule, url } (each may be null); '{}' for rules written before.
    ALTER TABLE rules ADD COLUMN conditions TEXT NOT NULL DEFAULT '{}';
  `,
};

export default migration;

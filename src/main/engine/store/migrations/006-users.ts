import type { Migration } from './migration';

const migration: Migration = {
  version: 6,
  name: 'team mode: users with a role and a hashed token',
  up: `
    -- A token is '<id>.<secret>'; only the sha256 of the whole token is kept (hex), never the token.
    CREATE TABLE users (
      id          TEXT PRIMARY KEY,
      name        TEXT NOT NULL UNIQUE,
      role        TEXT NOT NULL CHECK (role IN ('viewer', 'merchandiser', 'admin')),
      token_hash  TEXT NOT NULL,
      created_at  INTEGER NOT NULL,
      created_by  TEXT NOT NULL,
      revoked_at  INTEGER
    );
  `,
};

export default migration;

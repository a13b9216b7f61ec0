import type { Migration } from './migration';
import initial from './001-initial';

/** All migrations in order. Add a file NNN-name.ts and list it here. */
export const MIGRATIONS: readonly Migration[] = [initial];
export type { Migration };

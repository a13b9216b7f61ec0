import type { Migration } from './migration';
import initial from './001-initial';
import itemVectors from './002-item-vectors';
import ranking from './003-ranking';
import searchIndex from './004-search-index';
import loop from './005-loop';
import users from './006-users';
import ruleConditions from './007-rule-conditions';
import synonyms from './008-synonyms';
import searchPrefixes from './009-search-prefixes';
import impressionItems from './010-impression-items';
import collections from './011-collections';

/** All migrations in order. Add a file NNN-name.ts and list it here. */
export const MIGRATIONS: readonly Migration[] = [initial, itemVectors, ranking, searchIndex, loop, users, ruleConditions, synonyms, searchPrefixes, impressionItems, collections];
export type { Migration };

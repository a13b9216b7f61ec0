import type { MethodName } from './methods';
import { ROLES, type Role } from './users';

/**
 * The least role that may call each method: one table for the whole contract. A viewer reads
 * everything that is not a shopper's personal data; a merchandiser also steers ranking (weights,
 * rules, experiments, exploration, tuning, the reward, the live event feed); an admin also owns
 * models, imports, the catalogue, privacy and retention, and users. The type is a Record over every
 * method, so a new method without a role does not compile (and test/shared/contract/roles.test.ts fails).
 */
export const METHOD_ROLES: Readonly<Record<MethodName, Role>> = {
  // Reads: what the console shows.
  'engine.info': 'viewer',
  'session.whoami': 'viewer',
  'events.recent': 'viewer',
  'catalog.list': 'viewer',
  'catalog.get': 'viewer',
  'catalog.titles': 'viewer',
  'catalog.imageHosts': 'viewer',
  'sessions.list': 'viewer',
  'stats.get': 'viewer',
  'import.queue': 'viewer',
  'jobs.list': 'viewer',
  'jobs.get': 'viewer',
  // Ranking a list records its impression, as serving does; reading what a shopper sees is a read.
  recommend: 'viewer',
  search: 'viewer',
  'search.suggest': 'viewer',
  'synonyms.list': 'viewer',
  'collections.list': 'viewer',
  'collections.get': 'viewer',
  similar: 'viewer',
  explain: 'viewer',
  'intent.get': 'viewer',
  'weights.get': 'viewer',
  'weights.history': 'viewer',
  'rules.list': 'viewer',
  'rules.options': 'viewer',
  // Ranks what-if lists (no impression is written): a read.
  'rules.preview': 'viewer',
  // One rule's audit trail: a read.
  'rules.history': 'viewer',
  'inspect.session': 'viewer',
  // A replay computes metrics for candidate weights and stores nothing.
  'tuning.replay': 'viewer',
  'models.list': 'viewer',
  'visual.status': 'viewer',
  'visual.models': 'viewer',
  'attribution.settings': 'viewer',
  'attribution.stats': 'viewer',
  'metrics.summary': 'viewer',
  'metrics.timeseries': 'viewer',
  'metrics.positions': 'viewer',
  'metrics.search': 'viewer',
  'experiments.list': 'viewer',
  'experiments.results': 'viewer',
  'guard.assess': 'viewer',
  'guard.settings': 'viewer',
  'audit.list': 'viewer',
  'exploration.settings': 'viewer',
  'afterPurchase.get': 'viewer',
  'policies.reward': 'viewer',
  'ope.estimate': 'viewer',
  'ope.examination': 'viewer',
  'policies.list': 'viewer',
  'retention.get': 'viewer',
  'eval.results': 'viewer',
  'engine.versions': 'viewer',
  'settings.get': 'viewer',

  // Steering the ranking.
  'weights.set': 'merchandiser',
  'weights.rollback': 'merchandiser',
  'rules.create': 'merchandiser',
  'rules.update': 'merchandiser',
  'rules.delete': 'merchandiser',
  // Export is a write by name (as shoppers.export is): the whole rule and synonym tables leave the engine.
  'rules.export': 'merchandiser',
  'rules.import': 'merchandiser',
  'synonyms.set': 'merchandiser',
  'synonyms.delete': 'merchandiser',
  // A collection decides what its browse page lists and where collection-scoped rules fire.
  'collections.save': 'merchandiser',
  'collections.delete': 'merchandiser',
  'tuning.autotune': 'merchandiser',
  'experiments.create': 'merchandiser',
  'experiments.start': 'merchandiser',
  'experiments.stop': 'merchandiser',
  'experiments.promote': 'merchandiser',
  'exploration.configure': 'merchandiser',
  // Which items recommendation lists leave out after a purchase: a ranking policy, like a rule.
  'afterPurchase.set': 'merchandiser',
  'attribution.configure': 'merchandiser',
  'policies.configureReward': 'merchandiser',
  'jobs.cancel': 'merchandiser',
  // The storefront's live event feed: give its integration a merchandiser token, not an admin one.
  'events.ingest': 'merchandiser',

  // Models, data, safety settings, privacy and users.
  'catalog.upsert': 'admin',
  'import.text': 'admin',
  'import.cancel': 'admin',
  'embeddings.start': 'admin',
  'finetune.start': 'admin',
  'finetune.resume': 'admin',
  'models.promote': 'admin',
  'models.rollback': 'admin',
  'visual.importText': 'admin',
  'visual.activate': 'admin',
  'policies.train': 'admin',
  'policies.promote': 'admin',
  'policies.rollback': 'admin',
  'guard.configure': 'admin',
  // A shopper's personal data: only those who may also erase it.
  'shoppers.export': 'admin',
  'shoppers.footprint': 'admin',
  'shoppers.erase': 'admin',
  'retention.set': 'admin',
  'retention.apply': 'admin',
  // The engine host's own settings (data folder, providers) and its log folder.
  'settings.set': 'admin',
  'logs.reveal': 'admin',
  'users.list': 'admin',
  'users.create': 'admin',
  'users.revoke': 'admin',
};

export function roleRank(role: Role): number {
  return ROLES.indexOf(role);
}

export function roleAtLeast(role: Role, least: Role): boolean {
  return roleRank(role) >= roleRank(least);
}

/** Whether a user with `role` may call `method`. */
export function canCall(role: Role, method: MethodName): boolean {
  return roleAtLeast(role, METHOD_ROLES[method]);
}

/** The sentence a refused call carries, in the engine's error and on a disabled control. */
export function forbiddenReason(role: Role, method: MethodName): string {
  return `${method} needs the ${METHOD_ROLES[method]} role; you are a ${role}`;
}

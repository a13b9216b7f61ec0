export { AuditLog, type AuditedBy } from './audit-log';
export { CatalogRepository } from './catalog-repository';
export { openDatabase, schemaVersion, type Durability, type OpenOptions } from './database';
export { EventRepository, SessionOwnerError, type EventRejection, type InsertOutcome, type StoredEventObserver } from './event-repository';
export { DatabaseTooNewError, migrate } from './migrate';
export { SESSION_GAP_MS } from './sessionizer';
export { StatsRepository } from './stats-repository';
export { ItemVectorRepository, type ItemVectorRow } from './item-vector-repository';
export { VersionedConfig } from './versioned-config';

import type { Database } from 'better-sqlite3';
import type { TopicBus } from '../bus/topic-bus';
import type { EngineOptions } from '../engine-options';
import type { ItemCache } from '../recommend/item-cache';
import type { AuditLog, CatalogRepository, EventRepository, ItemVectorRepository, StatsRepository } from '../store';
import type { EngineLate } from './engine-late';

/** What every part of the wiring is built on: the store, its repositories, the bus, the options, and the engine's late parts. */
export interface EngineCore {
  readonly options: EngineOptions;
  readonly db: Database;
  /** The database file (workers and jobs open their own connections to it). */
  readonly dbPath: string;
  readonly bus: TopicBus;
  readonly audit: AuditLog;
  readonly events: EventRepository;
  readonly catalog: CatalogRepository;
  readonly stats: StatsRepository;
  readonly vectors: ItemVectorRepository;
  readonly items: ItemCache;
  readonly late: EngineLate;
}

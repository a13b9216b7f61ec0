import type { Database } from 'better-sqlite3';
import { ExplorationBySlot, type ExplorationSettings } from '../../../../shared/contract';
import { EXPLORATION_OFF } from '../../ranking';
import { VersionedConfig, type AuditLog } from '../../store';

/** Each slot's exploration budget, as a versioned, audited setting; a slot not listed does not explore. */
export class ExplorationStore {
  private readonly config: VersionedConfig<typeof ExplorationBySlot>;

  constructor(db: Database, audit: AuditLog) {
    this.config = new VersionedConfig(db, 'exploration', ExplorationBySlot, { slots: {} }, audit);
  }

  all(): ExplorationBySlot {
    return this.config.get();
  }

  /** What the ranker applies to a slot's lists. */
  forSlot(slot: string): ExplorationSettings {
    return this.config.get().slots[slot] ?? EXPLORATION_OFF;
  }

  configure(slot: string, settings: ExplorationSettings, actor: string, note: string): ExplorationBySlot {
    return this.config.set({ slots: { ...this.config.get().slots, [slot]: settings } }, actor, note);
  }
}

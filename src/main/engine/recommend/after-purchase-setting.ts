import type { Database, Statement } from 'better-sqlite3';
import { AfterPurchasePolicy, type AfterPurchaseView } from '../../../shared/contract';
import { VersionedConfig, type AuditLog } from '../store';
import { AFTER_PURCHASE_DEFAULTS, AFTER_PURCHASE_SUGGESTED_DAYS, type AfterPurchaseSettings } from './after-purchase';

/** The name under which the policy's versions live in the `configs` table (and its audit action, `afterPurchase.set`). */
export const AFTER_PURCHASE_CONFIG = 'afterPurchase';

/**
 * The after-purchase policy (after-purchase.ts) as a persisted, audited setting: every change is a
 * new version in the `configs` table, the newest in force from the next list. Until one is stored,
 * the engine's start-up option (`EngineOptions.afterPurchase`, default off) applies.
 */
export class AfterPurchaseSetting {
  private readonly config: VersionedConfig<typeof AfterPurchasePolicy>;
  private readonly latest: Statement<[string], { version: number; created_at: number }>;

  constructor(
    private readonly db: Database,
    private readonly audit: AuditLog,
    initial: AfterPurchaseSettings = AFTER_PURCHASE_DEFAULTS,
  ) {
    // An option outside what the contract accepts (a fractional window from a bench) still applies as given.
    const start = { days: Math.max(0, initial.days) };
    // Audited here rather than by the config, so the entry carries the window before and the reason in its own field.
    this.config = new VersionedConfig(db, AFTER_PURCHASE_CONFIG, AfterPurchasePolicy, start);
    this.latest = db.prepare('SELECT version, created_at FROM configs WHERE name = ? ORDER BY version DESC LIMIT 1');
  }

  /** What recommendation lists apply now. */
  current(): AfterPurchaseSettings {
    return this.config.get();
  }

  view(): AfterPurchaseView {
    const row = this.latest.get(AFTER_PURCHASE_CONFIG);
    return { days: this.current().days, version: row?.version ?? 0, updatedAt: row?.created_at ?? null, suggestedDays: AFTER_PURCHASE_SUGGESTED_DAYS };
  }

  /** Stores a new version (validated again by the schema) and audits it, in one transaction, with the window before, the note and the reason. */
  set(days: number, actor: string, note: string, reason: string | undefined): AfterPurchaseView {
    const previous = this.current().days;
    this.db.transaction(() => {
      this.config.set({ days }, actor, note);
      this.audit.record(actor, `${AFTER_PURCHASE_CONFIG}.set`, AFTER_PURCHASE_CONFIG, { days, previous, ...(note === '' ? {} : { note }), ...(reason === undefined ? {} : { reason }) });
    })();
    return this.view();
  }
}

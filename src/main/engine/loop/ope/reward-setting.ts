import type { Database } from 'better-sqlite3';
import { DEFAULT_REWARD, RewardSpec } from '../../../../shared/contract';
import { VersionedConfig, type AuditLog } from '../../store';

/** The reward the merchandiser set for estimates and learning (policies.reward): versioned and audited; click 1, cart 3, purchase 10 until set. */
export class RewardSetting {
  private readonly config: VersionedConfig<typeof RewardSpec>;

  constructor(db: Database, audit?: AuditLog) {
    this.config = new VersionedConfig(db, 'reward', RewardSpec, DEFAULT_REWARD, audit);
  }

  get(): RewardSpec {
    return this.config.get();
  }

  set(reward: RewardSpec, actor: string, note = ''): RewardSpec {
    return this.config.set(reward, actor, note);
  }
}

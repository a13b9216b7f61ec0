import type { LoopService } from '../loop/loop-service';
import { PrivacyService } from '../privacy/privacy-service';
import { RetentionService } from '../privacy/retention-service';
import type { QuerySuggestions } from '../retrieval/query-suggestions/query-suggestions';
import type { LiveSessions } from '../sessions/live-sessions';
import { UserStore } from '../users/user-store';
import type { EngineCore } from './engine-core';

/** Per-shopper export and erasure, the retention setting and its runs (docs/PRIVACY.md), and team mode's users (docs/TEAM_MODE.md). */
export interface PrivacyServices {
  readonly privacy: PrivacyService;
  readonly retention: RetentionService;
  readonly users: UserStore;
}

export function privacyServices(core: EngineCore, w: { sessions: LiveSessions; loop: LoopService; querySuggestions: QuerySuggestions }): PrivacyServices {
  const { db, audit, late } = core;
  const { loop, querySuggestions } = w;
  const privacy = new PrivacyService({
    db,
    audit,
    live: w.sessions,
    forgetInMemory: (shopperId) => {
      loop.forgetShopper(shopperId);
      core.events.forgetShopper(shopperId);
      void querySuggestions.forgetShopper(shopperId);
      core.stats.recountSessions();
    },
    flushRollups: () => loop.flush(),
    rebuildBehaviour: async () => {
      // Before the index is first used there is nothing to rebuild: its load replays the store.
      const retrieval = late.openRetrieval();
      const n = retrieval ? await retrieval.rebuildBehaviourInChunks() : 0;
      late.serving()?.rebuildBehaviour();
      return n;
    },
  });
  const retention = new RetentionService({ db, audit, flushRollups: () => loop.flush(), onDeleted: () => void querySuggestions.rebuild(), onSessionsDeleted: () => core.stats.recountSessions() });
  const users = new UserStore(db, audit);
  return { privacy, retention, users };
}

import type { GuardSettings } from '../../../shared/contract';
import type { HandlerMap } from '../rpc/handler-map';
import type { VersionedConfig } from '../store';
import { actorOf } from './audit/actor';
import type { AuditQuery } from './audit/audit-query';
import type { ExplorationStore } from './exploration/exploration-store';
import type { LoopService } from './loop-service';
import type { GuardService } from './publishing/guard-service';

export interface LoopHandlerDeps {
  readonly loop: LoopService;
  readonly audit: AuditQuery;
  readonly guard: GuardService;
  readonly guardSettings: VersionedConfig<typeof GuardSettings>;
  readonly exploration: ExplorationStore;
}

/** Attribution, online metrics, search analytics, the audit log and the publishing guard. */
export function loopHandlers(d: LoopHandlerDeps): HandlerMap {
  return {
    'attribution.settings': () => d.loop.attributionSettings.get(),
    'attribution.configure': (input, ctx) => d.loop.attributionSettings.set(input.settings, actorOf(ctx), input.note),
    'attribution.stats': () => d.loop.attributionStats(),
    'metrics.summary': (input) => d.loop.summary(input),
    'metrics.timeseries': (input) => d.loop.timeseries(input),
    'metrics.positions': (input) => d.loop.positions(input),
    'metrics.search': (input) => d.loop.searchAnalytics(input),
    'audit.list': (input) => d.audit.list(input),
    'guard.assess': (input) => d.guard.assess(input),
    'guard.settings': () => d.guardSettings.get(),
    'guard.configure': (input, ctx) => d.guardSettings.set(input.settings, actorOf(ctx), input.note),
    'exploration.settings': () => d.exploration.all(),
    'exploration.configure': (input, ctx) => d.exploration.configure(input.slot, input.settings, actorOf(ctx), input.note),
  };
}

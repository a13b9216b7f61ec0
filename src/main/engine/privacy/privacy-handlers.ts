import { ContractError, type Confirmation, type RetentionStatus } from '../../../shared/contract';
import { actorOf } from '../loop/audit/actor';
import type { HandlerMap } from '../rpc/handler-map';
import type { PrivacyService } from './privacy-service';
import type { RetentionService } from './retention-service';

export interface PrivacyHandlerDeps {
  readonly privacy: PrivacyService;
  readonly retention: RetentionService;
}

/** Refuses a deleting action without a reason; the console shows its RiskDialog on this error. */
function requireConfirmation(confirm: Confirmation | undefined, what: string): string {
  if (!confirm) throw new ContractError('confirmation_required', `${what}: this deletes data for good; send confirm.reason to go ahead`, [{ path: 'confirm', message: 'a reason is required' }]);
  return confirm.reason;
}

async function status(retention: RetentionService): Promise<RetentionStatus> {
  return { settings: { rawDataDays: retention.settings.get().rawDataDays }, version: retention.version, lastRun: retention.last, due: await retention.due() };
}

/** Per-shopper export and erasure, and the retention setting (docs/PRIVACY.md). */
export function privacyHandlers(d: PrivacyHandlerDeps): HandlerMap {
  return {
    'shoppers.export': (input) => d.privacy.export(input.shopperId),
    'shoppers.footprint': (input) => d.privacy.footprint(input.shopperId),
    'shoppers.erase': async (input, ctx) => {
      const reason = requireConfirmation(input.confirm, 'shoppers.erase');
      return d.privacy.erase(input.shopperId, actorOf(ctx), reason);
    },
    'retention.get': () => status(d.retention),
    'retention.set': async (input, ctx) => {
      const current = d.retention.settings.get().rawDataDays;
      const deletesMore = input.rawDataDays !== null && (current === null || input.rawDataDays < current);
      const reason = deletesMore ? requireConfirmation(input.confirm, 'retention.set') : input.confirm?.reason;
      const note = [input.note, reason === undefined ? undefined : `reason: ${reason}`].filter((s) => s !== undefined && s !== '').join('; ');
      d.retention.settings.set({ rawDataDays: input.rawDataDays }, actorOf(ctx), note);
      if (deletesMore) void d.retention.apply(actorOf(ctx)).catch((err: unknown) => console.error('[retention] run failed:', err));
      return status(d.retention);
    },
    'retention.apply': (_input, ctx) => d.retention.apply(actorOf(ctx)),
  };
}

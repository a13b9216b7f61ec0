import { actorOf } from '../loop/audit/actor';
import type { HandlerMap } from '../rpc/handler-map';
import type { AfterPurchaseSetting } from './after-purchase-setting';

/** afterPurchase.get and afterPurchase.set (audited): the console's control of the after-purchase policy. */
export function afterPurchaseHandlers(setting: AfterPurchaseSetting): HandlerMap {
  return {
    'afterPurchase.get': () => setting.view(),
    'afterPurchase.set': (input, ctx) => setting.set(input.days, actorOf(ctx), input.note, input.confirm?.reason),
  };
}

import type { HandlerMap } from '../../rpc/handler-map';
import { actorOf } from '../audit/actor';
import type { OpeService } from './ope-service';
import type { RewardSetting } from './reward-setting';

/** policies.reward / policies.configureReward, ope.estimate and ope.examination. */
export function opeHandlers(d: { ope: OpeService; reward: RewardSetting }): HandlerMap {
  return {
    'policies.reward': () => d.reward.get(),
    'policies.configureReward': (input, ctx) => d.reward.set(input.reward, actorOf(ctx), input.note),
    'ope.estimate': (input) => d.ope.estimate(input),
    'ope.examination': (input) => d.ope.examination(input),
  };
}

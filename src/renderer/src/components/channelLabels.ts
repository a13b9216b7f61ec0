import { CHANNELS, type Channel, type RuleKind } from '../transport/contract';
import { t } from '../i18n/translate';

export { CHANNELS };

export function channelLabel(channel: Channel): string {
  return t(`channel.${channel}`);
}

export function ruleKindLabel(kind: RuleKind): string {
  return t(`rules.kind.${kind}`);
}

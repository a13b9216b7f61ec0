import { formatNumber } from '../i18n/format';
import { t } from '../i18n/translate';
import type { RewardSpec } from '../transport/contract';

/** A reward setting in words: "click 1 · cart add 3 · purchase 10", or "revenue". */
export function rewardText(reward: RewardSpec): string {
  if (reward.kind === 'revenue') return t('reward.revenue');
  return t('reward.composite', { click: formatNumber(reward.click), cart: formatNumber(reward.cart), purchase: formatNumber(reward.purchase) });
}

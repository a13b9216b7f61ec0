import { RewardSpec, type Estimate, type RankingPolicyVersion } from '../transport/contract';

/** A figure from a version's free-form metrics, when it is a finite number. */
function metric(version: Pick<RankingPolicyVersion, 'metrics'>, key: string): number | null {
  const value = version.metrics[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

export interface PolicyRow {
  version: RankingPolicyVersion;
  serving: boolean;
  /** The slot it was trained on (its config). */
  slot: string | null;
  reward: RewardSpec | null;
  /** Lists and shown items it was trained on. */
  lists: number | null;
  items: number | null;
  /** Off-policy estimate of its expected reward per list on held-out lists, with its 95% interval. */
  estimate: Estimate;
  /** Serving's mean reward per list on the same held-out lists. */
  servingValue: number | null;
  difference: number | null;
  relative: number | null;
  support: number | null;
  heldOutLists: number | null;
}

export function policyRow(version: RankingPolicyVersion): PolicyRow {
  const value = metric(version, 'opeValue');
  const servingValue = metric(version, 'servingValue');
  const difference = value !== null && servingValue !== null ? value - servingValue : null;
  const reward = RewardSpec.safeParse(version.config.reward);
  const slot = version.config.slot;
  return {
    version,
    serving: version.status === 'serving',
    slot: typeof slot === 'string' ? slot : null,
    reward: reward.success ? reward.data : null,
    lists: metric(version, 'lists'),
    items: metric(version, 'items'),
    estimate: { value, low: metric(version, 'opeLow'), high: metric(version, 'opeHigh') },
    servingValue,
    difference,
    relative: difference !== null && servingValue !== null && servingValue !== 0 ? difference / servingValue : null,
    support: metric(version, 'support'),
    heldOutLists: metric(version, 'heldOutLists'),
  };
}

/** Newest first; the registry's order is not promised. */
export function sortPolicies(versions: readonly RankingPolicyVersion[]): RankingPolicyVersion[] {
  return [...versions].sort((a, b) => b.createdAt - a.createdAt || b.version.localeCompare(a.version, undefined, { numeric: true }));
}

export function servingPolicy(versions: readonly RankingPolicyVersion[]): RankingPolicyVersion | null {
  return versions.find((v) => v.status === 'serving') ?? null;
}

/** The list after a promote or roll back answered with `serving` (null: the fusion weights rank again). */
export function applyServingPolicy(versions: readonly RankingPolicyVersion[], serving: RankingPolicyVersion | null): RankingPolicyVersion[] {
  const next = versions.map((v) => {
    if (serving && v.version === serving.version) return serving;
    return v.status === 'serving' ? { ...v, status: 'registered' as const } : v;
  });
  if (serving && !next.some((v) => v.version === serving.version)) next.push(serving);
  return sortPolicies(next);
}

/** The reward form: its kind and the composite weights as typed. */
export interface RewardFormValues {
  kind: RewardSpec['kind'];
  click: string;
  cart: string;
  purchase: string;
  note: string;
}

export type RewardField = 'click' | 'cart' | 'purchase';

export const REWARD_LIMITS: Record<RewardField, { min: number; max: number }> = {
  click: { min: 0, max: 1000 },
  cart: { min: 0, max: 1000 },
  purchase: { min: 0, max: 10_000 },
};

const COMPOSITE_DEFAULTS = { click: 1, cart: 3, purchase: 10 };

export function rewardForm(reward: RewardSpec): RewardFormValues {
  const weights = reward.kind === 'composite' ? reward : COMPOSITE_DEFAULTS;
  return { kind: reward.kind, click: String(weights.click), cart: String(weights.cart), purchase: String(weights.purchase), note: '' };
}

/** The form as a RewardSpec, or the composite weights that are out of range. */
export function rewardFromForm(form: RewardFormValues): { reward: RewardSpec | null; invalid: RewardField[] } {
  if (form.kind === 'revenue') return { reward: { kind: 'revenue' }, invalid: [] };
  const invalid: RewardField[] = [];
  const values = {} as Record<RewardField, number>;
  for (const field of Object.keys(REWARD_LIMITS) as RewardField[]) {
    const text = form[field].trim().replace(',', '.');
    const value = Number(text);
    const { min, max } = REWARD_LIMITS[field];
    if (text === '' || !Number.isFinite(value) || value < min || value > max) invalid.push(field);
    else values[field] = value;
  }
  if (invalid.length > 0) return { reward: null, invalid };
  return { reward: { kind: 'composite', ...values }, invalid: [] };
}

export const TRAIN_WINDOW_MIN = 1;
export const TRAIN_WINDOW_MAX = 3650;

/** The training window as typed: empty = all logged lists; else whole days within the contract's bounds. */
export function trainWindowDays(text: string): { ok: true; windowDays: number | undefined } | { ok: false } {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: true, windowDays: undefined };
  if (!/^\d+$/.test(trimmed)) return { ok: false };
  const days = Number(trimmed);
  return days >= TRAIN_WINDOW_MIN && days <= TRAIN_WINDOW_MAX ? { ok: true, windowDays: days } : { ok: false };
}

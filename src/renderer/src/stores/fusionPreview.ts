import { CHANNELS, type Channel, type ChannelScores, type FusionWeights, type RankedItem, type WeightsVersion } from '../transport/contract';

/**
 * The tuning page's instant preview, as pure functions. Every ranked item carries
 * `contributions[c] = weight[c] x score[c]` for the weights of the list's version, so the channel
 * score is recovered as contribution / weight and re-weighted with the slider values. A channel
 * whose weight was 0 in that version has no recoverable score: it previews as 0 until it is saved.
 */

export interface PreviewItem {
  item: RankedItem;
  /** The re-weighted score: the sum of the new contributions plus the fired rules' effects. */
  score: number;
  contributions: ChannelScores;
  /** Position in the engine's list (1-based), to show how far the item moved. */
  enginePosition: number;
  /** Kept at its slot by a pin rule; pins do not move with the weights. */
  pinned: boolean;
}

const EPSILON = 1e-12;

/** Channels the preview cannot re-weight, because the list was ranked with weight 0 on them. */
export function unpreviewableChannels(listWeights: FusionWeights): Channel[] {
  return CHANNELS.filter((c) => listWeights[c] <= EPSILON);
}

/** The channel scores behind an item's contributions; null where the list's weight was 0. */
export function channelScoresOf(item: RankedItem, listWeights: FusionWeights): Record<Channel, number | null> {
  const out = {} as Record<Channel, number | null>;
  for (const c of CHANNELS) out[c] = listWeights[c] > EPSILON ? item.contributions[c] / listWeights[c] : null;
  return out;
}

/** The sum of the fired rules' effects (boost and bury shift the score; pins and filters add 0). */
export function ruleEffect(item: RankedItem): number {
  return item.rules.reduce((sum, r) => sum + (Number.isFinite(r.effect) ? r.effect : 0), 0);
}

export function reweigh(item: RankedItem, listWeights: FusionWeights, weights: FusionWeights): { score: number; contributions: ChannelScores } {
  const scores = channelScoresOf(item, listWeights);
  const contributions = {} as ChannelScores;
  let score = ruleEffect(item);
  for (const c of CHANNELS) {
    const s = scores[c];
    contributions[c] = s === null ? 0 : s * weights[c];
    score += contributions[c];
  }
  return { score, contributions };
}

export function sameWeights(a: FusionWeights, b: FusionWeights): boolean {
  return CHANNELS.every((c) => Math.abs(a[c] - b[c]) <= 1e-9);
}

/**
 * Re-scores and re-sorts the engine's list with new weights. Pinned items keep their positions;
 * everything else is ordered by the new score (ties by item id, as the engine does). With the
 * list's own weights the engine's order is kept as it is, diversity included.
 */
export function rescoreList(items: readonly RankedItem[], listWeights: FusionWeights, weights: FusionWeights): PreviewItem[] {
  const all = items.map(
    (item): PreviewItem => ({ item, ...reweigh(item, listWeights, weights), enginePosition: item.position, pinned: item.rules.some((r) => r.kind === 'pin') }),
  );
  if (sameWeights(listWeights, weights)) return all;
  const free = all.filter((p) => !p.pinned).sort((a, b) => b.score - a.score || (a.item.itemId < b.item.itemId ? -1 : a.item.itemId > b.item.itemId ? 1 : 0));
  const out: PreviewItem[] = [];
  const pins = new Map(all.filter((p) => p.pinned).map((p) => [p.enginePosition, p]));
  let next = 0;
  for (let slot = 1; out.length < all.length; slot++) {
    const pin = pins.get(slot);
    if (pin) out.push(pin);
    else if (next < free.length) out.push(free[next++]!);
    else {
      // Only pins at later slots remain: they move up, as the engine moves a pin past the list's end.
      out.push(...[...pins.entries()].filter(([p]) => p > slot).sort((a, b) => a[0] - b[0]).map(([, p]) => p));
      break;
    }
  }
  return out;
}

export interface WeightDiffRow {
  channel: Channel;
  before: number;
  after: number;
  delta: number;
  changed: boolean;
}

/** Per-channel before/after between two weight versions. */
export function diffWeights(before: FusionWeights, after: FusionWeights): WeightDiffRow[] {
  return CHANNELS.map((channel) => {
    const delta = after[channel] - before[channel];
    return { channel, before: before[channel], after: after[channel], delta, changed: Math.abs(delta) > 1e-9 };
  });
}

/** The weights a list was ranked with: its version from the history, or the current version. */
export function weightsOfVersion(version: number, history: readonly WeightsVersion[], current: WeightsVersion | null): FusionWeights | null {
  if (current && current.version === version) return current.weights;
  return history.find((h) => h.version === version)?.weights ?? null;
}

/** Slider values snap to the slider's step so keyboard and pointer land on the same values. */
export function snapWeight(value: number, step = 0.05, max = 10): number {
  if (!Number.isFinite(value)) return 0;
  const snapped = Math.round(value / step) * step;
  return Math.min(max, Math.max(0, Math.round(snapped * 100) / 100));
}

/** The largest total of positive contributions in a list: the shared scale of its explanation bars. */
export function contributionScale(lists: ReadonlyArray<{ contributions: ChannelScores }>): number {
  let max = 0;
  for (const { contributions } of lists) {
    let sum = 0;
    for (const c of CHANNELS) sum += Math.max(0, contributions[c]);
    max = Math.max(max, sum);
  }
  return max;
}

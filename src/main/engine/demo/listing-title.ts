import type { Random } from './random';
import { SERIES_NAMES, type AttributeAxis, type LeafCategory } from './vocabulary';

/** One chosen value per attribute axis, by index into `axis.values`. */
export interface VariantChoice {
  readonly axis: AttributeAxis;
  readonly index: number;
}

function formatValue(choice: VariantChoice): string {
  const value = choice.axis.values[choice.index];
  return choice.axis.format.replace('{v}', String(value));
}

function placed(variant: readonly VariantChoice[], placement: AttributeAxis['placement']): string[] {
  return variant.filter((c) => c.axis.placement === placement).map(formatValue);
}

const fittingCache = new WeakMap<LeafCategory, Map<string, readonly string[]>>();

/** The leaf's adjectives that do not repeat a word of the noun (never "Family Family Game"). */
function adjectivesFitting(leaf: LeafCategory, noun: string): readonly string[] {
  let byNoun = fittingCache.get(leaf);
  if (byNoun === undefined) {
    byNoun = new Map();
    fittingCache.set(leaf, byNoun);
  }
  let fitting = byNoun.get(noun);
  if (fitting === undefined) {
    const nounWords = new Set(noun.toLowerCase().split(' '));
    fitting = leaf.adjectives.filter((a) => !a.toLowerCase().split(' ').some((w) => nounWords.has(w)));
    byNoun.set(noun, fitting);
  }
  return fitting;
}

/**
 * Composes a listing title the way marketplaces write them:
 * `Brand [Series] [lead attrs] Adjective(s) [material/scent] Noun [with Feature], variant, variant`.
 * Nouns and adjectives come from the leaf's own vocabulary, so titles in one category share words.
 */
export function composeTitle(rng: Random, leaf: LeafCategory, brand: string, variant: readonly VariantChoice[]): string {
  const words: string[] = [brand];
  if (leaf.series === true && rng.chance(0.6)) {
    const series = rng.pick(SERIES_NAMES);
    words.push(rng.chance(0.4) ? `${series} ${rng.int(2, 5)}` : series);
  }
  words.push(...placed(variant, 'lead'));
  const noun = rng.pick(leaf.nouns);
  const fitting = adjectivesFitting(leaf, noun);
  const adjectiveCount = rng.chance(0.55) ? 2 : 1;
  // Keep the vocabulary's order so "Wireless Noise-Cancelling" never flips to "Noise-Cancelling Wireless".
  const adjectives = rng.sample(fitting, adjectiveCount).sort((a, b) => fitting.indexOf(a) - fitting.indexOf(b));
  words.push(...adjectives);
  words.push(...placed(variant, 'noun'));
  words.push(noun);
  let title = words.join(' ');
  if (leaf.features.length > 0 && rng.chance(0.4)) title += ` with ${rng.pick(leaf.features)}`;
  const suffix = placed(variant, 'suffix');
  if (suffix.length > 0) title += `, ${suffix.join(', ')}`;
  return title;
}

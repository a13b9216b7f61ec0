import { CHANNELS, type RankedItem, type SearchResult } from '../../transport/contract';
import { t } from '../../i18n/translate';
import { ruleKindLabel } from '../../components/channelLabels';

const wordsOf = (text: string): string[] => text.toLowerCase().normalize('NFD').replace(/\p{M}+/gu, '').match(/[\p{L}\p{N}]+/gu) ?? [];

/**
 * Why a search result is where it is, in plain words: which query words its text holds (as typed,
 * corrected, or as a synonym), whether meaning found it, and which ranking channels and rules lifted it.
 */
export function productReasons(item: RankedItem, query: string, rewrite: SearchResult['rewrite'], coldStart = false): string[] {
  const text = new Set(wordsOf(`${item.title} ${item.brand ?? ''} ${item.category ?? ''}`));
  const holds = (w: string): boolean => text.has(w) || [...text].some((x) => x.startsWith(w) && w.length >= 3);
  const reasons: string[] = [];
  const typed = wordsOf(query).filter(holds);
  if (typed.length > 0) reasons.push(t('search.reason.matches', { words: typed.join(' ') }));
  const corrected = (rewrite?.corrections ?? []).flatMap((c) => c.corrected).filter((w) => text.has(w));
  if (corrected.length > 0) reasons.push(t('search.reason.corrected', { words: corrected.join(', ') }));
  const synonyms = (rewrite?.synonyms ?? []).flatMap((s) => s.synonyms).filter((p) => wordsOf(p).every((w) => text.has(w)));
  if (synonyms.length > 0) reasons.push(t('search.reason.synonym', { words: synonyms.join(', ') }));
  if (item.sources.some((s) => s.includes('semantic'))) reasons.push(t('search.reason.meaning'));
  const semantic = item.sources.some((s) => s.includes('semantic'));
  for (const channel of CHANNELS) {
    if (item.contributions[channel] <= 0) continue;
    // Without the shopper's history (anonymous, cold start) the personal channels speak of the query and shoppers at large.
    if (channel === 'text') {
      if (!semantic) reasons.push(t(coldStart ? 'search.reason.textAnonymous' : 'search.reason.text'));
    } else if (channel === 'priceFit' && coldStart) reasons.push(t('search.reason.priceFitAnonymous'));
    else reasons.push(t(`search.reason.${channel}`));
  }
  if (item.rules.length > 0) reasons.push(t('search.reason.rule', { kinds: [...new Set(item.rules.map((r) => ruleKindLabel(r.kind)))].join(', ') }));
  return reasons;
}

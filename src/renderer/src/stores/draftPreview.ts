import type { RuleInput } from '../transport/contract';

/** The list a rule in the form is previewed on: the search it names, else the Rules page's preview query, else its slot's recommendations. */
export type DraftPreviewTarget = { slot: string; query?: string; category?: string; segments?: string[]; collection?: string } | { needsQuery: true };

/**
 * Where to preview a draft rule. An exact or "contains" query condition is previewed on a search for
 * its text; a pattern, or a rule for the search slot without a query condition, needs a query typed
 * in the preview's query box. Without a query the slot's recommendations are ranked (the rule's own
 * slot, or the preview's slot when the rule is for every slot). A category-scoped rule is previewed
 * in its category, and a segment's rule in its segment (with the preview's own segments). A
 * collection's rule is previewed on the collection's list (a browse list: never a search); any other
 * rule that is not a search's, on the collection chosen in the preview when one is.
 */
export function draftPreviewTarget(input: RuleInput, previewQuery: string, previewSlot: string, previewSegments: readonly string[] = [], previewCollection = ''): DraftPreviewTarget {
  const typed = previewQuery.trim();
  const named = input.query && input.query.match !== 'pattern' ? input.query.text.trim() : '';
  const query = named || typed;
  const segments = [...new Set([...previewSegments, ...(input.segment ? [input.segment] : [])])];
  const scope = { ...(input.category ? { category: input.category } : {}), ...(segments.length > 0 ? { segments } : {}) };
  if (input.collection) {
    const slot = input.slot && input.slot !== '*' ? input.slot : previewSlot.trim() && previewSlot.trim() !== 'search' ? previewSlot.trim() : 'home';
    return { slot, ...scope, collection: input.collection };
  }
  if ((input.query || input.slot === 'search') && !query) return { needsQuery: true };
  if (query && (input.query || input.slot === 'search' || input.slot === '*' || input.slot === undefined)) return { slot: 'search', query, ...scope };
  const slot = input.slot && input.slot !== '*' ? input.slot : previewSlot.trim() || 'home';
  if (previewCollection && slot !== 'search') return { slot, ...scope, collection: previewCollection };
  return { slot, ...scope };
}

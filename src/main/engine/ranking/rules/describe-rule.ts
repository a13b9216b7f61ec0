import type { Rule, RuleTarget } from '../../../../shared/contract/recommendations';

function describeTarget(target: RuleTarget): string {
  switch (target.type) {
    case 'item':
      return `item ${target.itemId}`;
    case 'brand':
      return `brand ${target.brand}`;
    case 'category':
      return `category ${target.category}`;
    case 'attribute':
      return `${target.name} = ${String(target.value)}`;
    case 'outOfStock':
      return 'out of stock';
    case 'all':
      return 'every item';
    case 'collection':
      return `collection ${target.collection}`;
  }
}

/** The note shown with a fired rule: the merchandiser's own note, else what the rule does. */
export function ruleNote(rule: Rule): string {
  if (rule.note.trim() !== '') return rule.note;
  const what = describeTarget(rule.target);
  const who = `${rule.collection ? ` in collection ${rule.collection}` : ''}${rule.segment ? ` for shoppers in ${rule.segment}` : ''}`;
  if (rule.kind === 'pin') return `pin ${what} at position ${rule.position ?? '?'}${rule.query ? ` for "${rule.query.text}"` : ''}${who}`;
  const when = `${rule.query ? ` when the query ${rule.query.match === 'pattern' ? 'matches' : rule.query.match === 'exact' ? 'is' : 'contains'} "${rule.query.text}"` : ''}${who}`;
  if (rule.kind === 'redirect') return `redirect to ${rule.url ?? '?'}${when}`;
  if (rule.kind === 'filter') return `filter ${what}${when}`;
  return `${rule.kind} ${what} by ${rule.strength} of the score range${when}`;
}

/** The collection form as typed: the handle, the name, and the items one id a line. */
import type { FieldIssue } from '../transport/contract';

export interface CollectionFormValues {
  collectionId: string;
  name: string;
  /** One item id a line; blank lines are ignored. */
  itemsText: string;
}

export type CollectionField = keyof CollectionFormValues;
export type CollectionFieldErrors = Partial<Record<CollectionField | '_form', string>>;

export const EMPTY_COLLECTION_FORM: CollectionFormValues = { collectionId: '', name: '', itemsText: '' };

/** The ids the items box holds, in order, each with its 1-based line (so an engine issue on `itemIds.3` names the line). */
export function itemLines(text: string): { itemIds: string[]; lines: number[] } {
  const itemIds: string[] = [];
  const lines: number[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const id = raw.trim();
    if (id === '') return;
    itemIds.push(id);
    lines.push(i + 1);
  });
  return { itemIds, lines };
}

/** The items box with `itemId` added at the end, or taken out where it stands (the catalogue table's checkboxes). */
export function toggledItem(text: string, itemId: string, on: boolean): string {
  const ids = itemLines(text).itemIds.filter((id) => id !== itemId);
  return (on ? [...ids, itemId] : ids).join('\n');
}

/** The engine's issues next to the fields they name; an item's by its line in the box ("line 4: unknown item …"). */
export function collectionFieldErrors(issues: readonly FieldIssue[], lines: readonly number[], lineLabel: (line: number) => string): CollectionFieldErrors {
  const errors: CollectionFieldErrors = {};
  const add = (field: CollectionField | '_form', message: string): void => {
    errors[field] = errors[field] ? `${errors[field]}; ${message}` : message;
  };
  for (const issue of issues) {
    const [head, index] = issue.path.split('.');
    if (head === 'itemIds') {
      const line = index === undefined ? undefined : lines[Number(index)];
      add('itemsText', line === undefined ? issue.message : `${lineLabel(line)}: ${issue.message}`);
    } else if (head === 'collectionId' || head === 'name') add(head, issue.message);
    else add('_form', issue.message);
  }
  return errors;
}

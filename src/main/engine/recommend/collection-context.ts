import { CollectionId, ContractError } from '../../../shared/contract';

/**
 * The collection a list is asked for (a recommend's `context.collection`, a preview's `collection`),
 * with its items; null when none is named. A name that is not a collection handle, or no collection,
 * is refused naming `path`: a page that asks for a deleted collection is told so, not shown the home list.
 */
export function collectionOf(named: unknown, path: string, members: ((collectionId: string) => string[] | undefined) | undefined): { collectionId: string; members: string[] } | null {
  if (named === undefined || named === null) return null;
  const refuse = (message: string): never => {
    throw new ContractError('bad_request', `${path}: ${message}`, [{ path, message }]);
  };
  const parsed = CollectionId.safeParse(named);
  if (!parsed.success) return refuse(parsed.error.issues[0]?.message ?? 'not a collection handle');
  const items = members?.(parsed.data);
  if (items === undefined) return refuse(`no collection ${JSON.stringify(parsed.data)} in the catalogue`);
  return { collectionId: parsed.data, members: items };
}

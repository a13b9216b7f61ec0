import { z } from 'zod';

/**
 * A collection: a set of items a merchandiser curates ("summer-sale", "gifts-under-50"), shown by
 * the shop on a browse page of its own. A page asks for its list with
 * `recommend { slot, context: { collection: 'summer-sale' } }`: the list is drawn from the
 * collection's items alone, ranked for the shopper, and rules scoped to the collection fire on it.
 */
export const CollectionId = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'a collection handle: lowercase letters, digits, - and _ (at most 64)');
/** The most items one collection holds: a collection list scores every one of them. */
export const COLLECTION_ITEMS_MAX = 1000;
/** The most collections a catalogue holds. */
export const COLLECTIONS_MAX = 500;

export const Collection = z.object({
  collectionId: z.string(),
  name: z.string(),
  /** Items of the collection still in the catalogue. */
  itemCount: z.number().int(),
  createdAt: z.number(),
  updatedAt: z.number(),
});
export type Collection = z.infer<typeof Collection>;

export const CollectionDetail = z.object({ collection: Collection, itemIds: z.array(z.string()) });
export type CollectionDetail = z.infer<typeof CollectionDetail>;

/** Creates the collection or replaces its name and items; an unknown item is refused by its index (`itemIds.3`). */
export const SaveCollectionRequest = z
  .object({
    collectionId: CollectionId,
    name: z.string().trim().min(1).max(200),
    itemIds: z.array(z.string().min(1).max(128)).max(COLLECTION_ITEMS_MAX),
  })
  .strict();
export type SaveCollectionRequest = z.input<typeof SaveCollectionRequest>;

const Empty = z.object({}).strict().default({});
const ById = z.object({ collectionId: CollectionId }).strict();

export const collectionMethods = {
  'collections.list': { input: Empty, output: z.array(Collection) },
  'collections.get': { input: ById, output: CollectionDetail },
  'collections.save': { input: SaveCollectionRequest, output: Collection },
  /** Refused (conflict) while a rule is scoped to the collection: the error names the rules. */
  'collections.delete': { input: ById, output: Collection },
} as const;

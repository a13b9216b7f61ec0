import { z } from 'zod';
import { boundedJsonObject, type JsonLimits } from './json-limits';
import { Price } from './price';

/** An item's attributes: a flat map of scalars (colour, size, material ...). */
export const ATTRIBUTE_LIMITS: JsonLimits = { maxDepth: 1, maxBytes: 8192, maxEntries: 100, maxKeyLength: 100 };
export const ItemAttributes = boundedJsonObject<Record<string, string | number | boolean>>(ATTRIBUTE_LIMITS).superRefine((attributes, ctx) => {
  for (const [name, value] of Object.entries(attributes)) {
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') ctx.addIssue({ code: 'custom', path: [name], message: 'must be a string, number or boolean' });
  }
});

export const CatalogItem = z
  .object({
    itemId: z.string().min(1).max(128),
    title: z.string().min(1).max(1000),
    brand: z.string().max(200).optional(),
    category: z.string().max(500).optional(),
    price: Price.optional(),
    attributes: ItemAttributes.optional(),
    inStock: z.boolean().optional(),
    imageUrl: z.string().max(2000).optional(),
  })
  .strict();
export type CatalogItem = z.infer<typeof CatalogItem>;

// A stored price is not held to MAX_PRICE: an item saved before the ceiling must still be readable.
export const StoredItem = CatalogItem.required({ inStock: true }).extend({ price: z.number().nonnegative().optional(), updatedAt: z.number() });
export type StoredItem = z.infer<typeof StoredItem>;

export const UpsertItemsRequest = z.object({ items: z.array(CatalogItem).min(1).max(10_000) }).strict();
export type UpsertItemsRequest = z.infer<typeof UpsertItemsRequest>;

export const ListItemsRequest = z
  .object({
    limit: z.number().int().min(1).max(500).default(50),
    offset: z.number().int().min(0).default(0),
    category: z.string().max(500).optional(),
    text: z.string().max(200).optional(),
  })
  .strict();
export type ListItemsRequest = z.infer<typeof ListItemsRequest>;

export const ListItemsResult = z.object({ total: z.number().int(), items: z.array(StoredItem) });
export type ListItemsResult = z.infer<typeof ListItemsResult>;

/** catalog.imageHosts: where the catalogue's product images are, for the image hosts the settings allow. */
export const CatalogImageHosts = z.object({
  /** Hosts the console can be allowed to load images from (https, or http on this machine), most items first (at most 20). */
  hosts: z.array(z.object({ origin: z.string(), items: z.number().int() })),
  /** Items with an image URL. */
  withImage: z.number().int(),
  /** Items whose image URL is plain http on another machine (or not a URL): the console never loads those. */
  notAllowable: z.number().int(),
});
export type CatalogImageHosts = z.infer<typeof CatalogImageHosts>;

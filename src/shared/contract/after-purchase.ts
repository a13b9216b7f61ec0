import { z } from 'zod';
import { Confirmation } from './confirmation';

/** The longest window the after-purchase policy accepts, in days. */
export const AFTER_PURCHASE_MAX_DAYS = 90;

/**
 * How long recommendation lists leave out substitutes of a purchase (items in the bought item's
 * category), in whole days; 0 turns the policy off. Search and product pages are never affected.
 * docs/RECOMMENDATION.md "Substitutes of a recent purchase".
 */
export const AfterPurchasePolicy = z.object({ days: z.number().int().min(0).max(AFTER_PURCHASE_MAX_DAYS) }).strict();
export type AfterPurchasePolicy = z.infer<typeof AfterPurchasePolicy>;

export const AfterPurchaseView = z.object({
  /** The policy in force. */
  days: z.number().int(),
  /** The stored version in force; 0 while the engine's start-up option (or the default, off) applies. */
  version: z.number().int(),
  /** When the version in force was stored (null: never changed from the console or the API). */
  updatedAt: z.number().nullable(),
  /** The window the loop bench measured (a starting point when turning it on). */
  suggestedDays: z.number().int(),
});
export type AfterPurchaseView = z.infer<typeof AfterPurchaseView>;

export const SetAfterPurchaseRequest = z
  .object({ days: AfterPurchasePolicy.shape.days, note: z.string().max(500).default(''), confirm: Confirmation.optional() })
  .strict();
export type SetAfterPurchaseRequest = z.input<typeof SetAfterPurchaseRequest>;

export const afterPurchaseMethods = {
  'afterPurchase.get': { input: z.object({}).strict().default({}), output: AfterPurchaseView },
  /** Stores a new version of the policy, in force from the next list; audited with the note and the reason. */
  'afterPurchase.set': { input: SetAfterPurchaseRequest, output: AfterPurchaseView },
} as const;

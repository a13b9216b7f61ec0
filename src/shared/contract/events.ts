import { z } from 'zod';
import { boundedJsonObject, jsonProblem, type JsonLimits } from './json-limits';
import { Price, Quantity } from './price';

/** Built-in event types. Custom types are allowed as `custom:<name>` so integrations can add more without a schema change. */
export const BUILTIN_EVENT_TYPES = [
  'view',
  'click',
  'add_to_cart',
  'remove_from_cart',
  'purchase',
  'search',
  'impression',
] as const;

const BUILTIN_SET: ReadonlySet<string> = new Set(BUILTIN_EVENT_TYPES);
const CUSTOM_TYPE = /^custom:[a-z0-9_]{1,40}$/;

export function isKnownEventType(type: string): boolean {
  return BUILTIN_SET.has(type) || CUSTOM_TYPE.test(type);
}

export const EventType = z.string().max(48).refine(isKnownEventType, {
  error: (issue) => `unknown event type ${JSON.stringify(issue.input)}: expected ${BUILTIN_EVENT_TYPES.join(', ')} or custom:<name>`,
});
export type EventType = z.infer<typeof EventType>;

/** Types whose meaning is "the shopper interacted with this item": they must name one. */
export const ITEM_EVENT_TYPES: ReadonlySet<string> = new Set([
  'view',
  'click',
  'add_to_cart',
  'remove_from_cart',
  'purchase',
]);

const Id = z.string().min(1).max(128);
/** Cap on the serialised size of an event's free-form context, so one event cannot bloat the store. */
export const MAX_CONTEXT_BYTES = 4096;
/** The context's shape limits; its exact serialised size is checked against MAX_CONTEXT_BYTES once these hold. */
export const CONTEXT_LIMITS: JsonLimits = { maxDepth: 8, maxBytes: 4 * MAX_CONTEXT_BYTES, maxEntries: 512, maxKeyLength: 200 };
export const EventContext = boundedJsonObject(CONTEXT_LIMITS);

export const EventInput = z
  .object({
    id: Id.optional(),
    type: EventType,
    shopperId: Id,
    sessionId: Id.optional(),
    itemId: Id.optional(),
    query: z.string().min(1).max(512).optional(),
    price: Price.optional(),
    quantity: Quantity.optional(),
    /** Epoch milliseconds; the server's clock when absent. */
    ts: z.number().int().nonnegative().max(8_640_000_000_000).optional(),
    context: EventContext.optional(),
    /** The list (RankedList.impressionId) this click, cart add or purchase came from, when the client knows it. */
    impressionId: Id.optional(),
    /** 1-based position of the item in that list (GA4 `index`, Segment `position`). */
    position: z.number().int().min(1).max(200).optional(),
  })
  .strict()
  .superRefine((e, ctx) => {
    if (ITEM_EVENT_TYPES.has(e.type) && e.itemId === undefined) {
      ctx.addIssue({ code: 'custom', path: ['itemId'], message: `required for a ${e.type} event` });
    }
    if (e.type === 'search' && e.query === undefined) {
      ctx.addIssue({ code: 'custom', path: ['query'], message: 'required for a search event' });
    }
    // Only a context within its shape limits is serialised: a hostile one is reported by its own schema.
    if (e.context !== undefined && jsonProblem(e.context, CONTEXT_LIMITS) === undefined && JSON.stringify(e.context).length > MAX_CONTEXT_BYTES) {
      ctx.addIssue({ code: 'custom', path: ['context'], message: `larger than ${MAX_CONTEXT_BYTES} bytes` });
    }
  });
export type EventInput = z.infer<typeof EventInput>;

export const StoredEvent = z.object({
  id: z.string(),
  seq: z.number().int(),
  type: z.string(),
  shopperId: z.string(),
  sessionId: z.string(),
  itemId: z.string().nullable(),
  query: z.string().nullable(),
  price: z.number().nullable(),
  quantity: z.number().nullable(),
  ts: z.number(),
  context: z.record(z.string(), z.unknown()).nullable(),
  impressionId: z.string().nullable(),
  position: z.number().int().nullable(),
});
export type StoredEvent = z.infer<typeof StoredEvent>;

/** Largest batch one ingest call accepts; bigger loads go through the importers. */
export const MAX_INGEST_BATCH = 10_000;

export const IngestRequest = z.object({ events: z.array(EventInput).min(1).max(MAX_INGEST_BATCH) }).strict();
export type IngestRequest = z.infer<typeof IngestRequest>;

export const IngestResult = z.object({
  stored: z.number().int(),
  duplicates: z.number().int(),
  ids: z.array(z.string()),
});
export type IngestResult = z.infer<typeof IngestResult>;

export const RecentEventsRequest = z
  .object({
    limit: z.number().int().min(1).max(1000).default(100),
    shopperId: Id.optional(),
    sessionId: Id.optional(),
    beforeSeq: z.number().int().optional(),
  })
  .strict();
export type RecentEventsRequest = z.infer<typeof RecentEventsRequest>;

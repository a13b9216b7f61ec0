import { SYSTEM_EVENT_TYPES, type SessionEvent } from './session-event';

/** The features of a session prefix, in the order the model reads them. */
export const INTENT_FEATURES = [
  'views',
  'distinctItems',
  'repeatViews',
  'clicks',
  'cartAdds',
  'cartRemoves',
  'cartLines',
  'searches',
  'queryRefinements',
  'dwellSeconds',
  'secondsSinceLastEvent',
  'eventCount',
] as const;
export type IntentFeatureName = (typeof INTENT_FEATURES)[number];
export type IntentFeatures = Record<IntentFeatureName, number>;

/**
 * What a session has done so far, as of `now` (default: its last event). Shop-side events
 * (impressions) and purchases are not counted: the model is trained on what happens before a
 * purchase, so it never sees one. Events are taken in time order whatever order they come in.
 */
export function featuresOf(events: readonly SessionEvent[], now?: number): IntentFeatures {
  const own = events.filter((e) => !SYSTEM_EVENT_TYPES.has(e.type) && e.type !== 'purchase').sort((a, b) => a.ts - b.ts);
  const viewed = new Set<string>();
  const touched = new Set<string>();
  const f: IntentFeatures = {
    views: 0,
    distinctItems: 0,
    repeatViews: 0,
    clicks: 0,
    cartAdds: 0,
    cartRemoves: 0,
    cartLines: 0,
    searches: 0,
    queryRefinements: 0,
    dwellSeconds: 0,
    secondsSinceLastEvent: 0,
    eventCount: own.length,
  };
  let lastQuery: string | undefined;
  for (const e of own) {
    if (e.itemId) touched.add(e.itemId);
    if (e.type === 'view' && e.itemId) {
      f.views++;
      if (viewed.has(e.itemId)) f.repeatViews++;
      viewed.add(e.itemId);
    } else if (e.type === 'click') f.clicks++;
    else if (e.type === 'add_to_cart') f.cartAdds++;
    else if (e.type === 'remove_from_cart') f.cartRemoves++;
    else if (e.type === 'search') {
      f.searches++;
      const q = e.query?.trim().toLowerCase();
      if (lastQuery !== undefined && q !== undefined && q !== lastQuery) f.queryRefinements++;
      if (q !== undefined) lastQuery = q;
    }
  }
  f.distinctItems = touched.size;
  f.cartLines = Math.max(0, f.cartAdds - f.cartRemoves);
  const first = own[0];
  const last = own[own.length - 1];
  if (first && last) {
    f.dwellSeconds = (last.ts - first.ts) / 1000;
    f.secondsSinceLastEvent = Math.max(0, ((now ?? last.ts) - last.ts) / 1000);
  }
  return f;
}

/** The model's input: log1p of every feature (counts and durations are heavy-tailed). */
export function featureVector(f: IntentFeatures): number[] {
  return INTENT_FEATURES.map((name) => Math.log1p(Math.max(0, f[name])));
}

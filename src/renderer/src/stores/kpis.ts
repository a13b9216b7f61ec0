import type { StoreStats } from '../transport/contract';

export interface Kpis {
  items: number;
  events: number;
  sessions: number;
  activeSessions: number;
  shoppers: number;
  conversions: number;
  /** Purchases per session, or null before there is any session to divide by. */
  conversionRate: number | null;
  /** Event counts by type, largest first, for the breakdown list. */
  byType: Array<{ type: string; count: number }>;
  lastEventTs: number | null;
}

/** Purchases are the conversions: the one event type that means the shop made money. */
export function kpisFromStats(stats: StoreStats): Kpis {
  const conversions = stats.eventsByType['purchase'] ?? 0;
  return {
    items: stats.items,
    events: stats.events,
    sessions: stats.sessions,
    activeSessions: stats.activeSessions,
    shoppers: stats.shoppers,
    conversions,
    conversionRate: stats.sessions > 0 ? conversions / stats.sessions : null,
    byType: Object.entries(stats.eventsByType)
      .map(([type, count]) => ({ type, count }))
      .sort((a, b) => b.count - a.count || a.type.localeCompare(b.type)),
    lastEventTs: stats.lastEventTs,
  };
}

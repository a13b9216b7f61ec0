import { describe, expect, it } from 'vitest';
import type { AttributionStats, MetricsTimeseries, PositionCurve } from '../../src/renderer/src/transport/contract';
import {
  attributionKindRows,
  chartRows,
  defaultBucket,
  formatEstimate,
  formatMetricDifference,
  formatMetricValue,
  positionRows,
  queryTrend,
  rangeWindow,
  searchClickRate,
  sparklinePoints,
  unmatchedReasonRows,
  windowsFromForm,
} from '../../src/renderer/src/stores/loopMetrics';
import { formatDateTimeZone, formatMoney } from '../../src/renderer/src/i18n/format';

describe('metric formatting', () => {
  it('shows rates as percentages and money with its currency, each with its interval', () => {
    expect(formatMetricValue('ctr', 0.0345)).toBe('3.45%');
    expect(formatMetricValue('averageOrderValue', 45)).toBe('$45.00');
    expect(formatEstimate('ctr', { value: 0.03, low: 0.027, high: 0.033 })).toEqual({ value: '3.00%', interval: '2.70% – 3.30%' });
    expect(formatEstimate('revenuePerMille', { value: 1234.5, low: 1000, high: 1500 })).toEqual({ value: '$1,234.50', interval: '$1,000.00 – $1,500.00' });
    expect(formatEstimate('ctr', { value: 0.03, low: null, high: null })).toEqual({ value: '3.00%', interval: null });
    expect(formatEstimate('ctr', { value: null, low: null, high: null })).toEqual({ value: null, interval: null });
    expect(formatEstimate('ctr', null)).toEqual({ value: null, interval: null });
  });

  it('shows differences in percentage points for rates and in money for amounts', () => {
    expect(formatMetricDifference('conversionRate', 0.0042)).toBe('+0.42 pp');
    expect(formatMetricDifference('ctr', -0.001)).toBe('−0.10 pp');
    expect(formatMetricDifference('averageOrderValue', -2.5)).toBe('−$2.50');
    expect(formatMoney(0)).toBe('$0.00');
  });

  it('writes dates with their time zone', () => {
    expect(formatDateTimeZone(Date.UTC(2025, 4, 12, 14, 3, 9))).toMatch(/2025.*(UTC|GMT|[A-Z]{2,5}|[+-]\d)/);
  });
});

describe('time ranges', () => {
  it('end now and pick hour or day buckets', () => {
    expect(rangeWindow('24h', 100_000_000)).toEqual({ from: 100_000_000 - 86_400_000, to: 100_000_000 });
    expect(rangeWindow('7d', 1e12).from).toBe(1e12 - 7 * 86_400_000);
    expect(['24h', '7d', '30d'].map((r) => defaultBucket(r as '24h'))).toEqual(['hour', 'hour', 'day']);
  });
});

describe('chart shaping', () => {
  const timeseries: MetricsTimeseries = {
    from: 0,
    to: 3,
    bucket: 'hour',
    metric: 'ctr',
    series: [
      {
        key: 'home',
        label: 'home',
        points: [
          { t: 1, lists: 10, value: 0.1, low: 0.05, high: 0.15 },
          { t: 2, lists: 0, value: null, low: null, high: null },
        ],
      },
      { key: 'v1.2', label: 'weights v1.2', points: [{ t: 2, lists: 5, value: 0.2, low: 0.1, high: 0.3 }] },
    ],
  };

  it('makes one row per bucket with each series under a key recharts cannot misread', () => {
    const { rows, series } = chartRows(timeseries);
    expect(series.map((s) => [s.key, s.valueKey, s.bandKey])).toEqual([
      ['home', 's0', 's0band'],
      ['v1.2', 's1', 's1band'],
    ]);
    expect(rows).toEqual([
      { t: 1, s0: 0.1, s0band: [0.05, 0.15], s1: null, s1band: null },
      { t: 2, s0: null, s0band: null, s1: 0.2, s1band: [0.1, 0.3] },
    ]);
  });

  it('turns the position curve into bars with whiskers below and above', () => {
    const curve: PositionCurve = {
      from: 0,
      to: 1,
      lists: 'all',
      points: [
        { position: 1, shown: 100, clicked: 10, ctr: { value: 0.1, low: 0.05, high: 0.17 } },
        { position: 2, shown: 0, clicked: 0, ctr: { value: null, low: null, high: null } },
      ],
    };
    const rows = positionRows(curve);
    expect(rows[0]).toMatchObject({ position: 1, ctr: 0.1 });
    expect(rows[0]?.error?.[0]).toBeCloseTo(0.05);
    expect(rows[0]?.error?.[1]).toBeCloseTo(0.07);
    expect(rows[1]).toEqual({ position: 2, shown: 0, clicked: 0, ctr: null, error: null });
  });

  it('draws a sparkline in its box, flat at the bottom when there is nothing', () => {
    expect(sparklinePoints([0, 5, 10], 20, 10)).toBe('0,10 10,5 20,0');
    expect(sparklinePoints([0, 0], 20, 10)).toBe('0,10 20,10');
    expect(sparklinePoints([3], 20, 10)).toBe('10,0');
    expect(sparklinePoints([], 20, 10)).toBe('');
  });
});

describe('search analytics', () => {
  it('compares a query with the period before', () => {
    expect(queryTrend({ searches: 30, previousSearches: 20 })).toEqual({ direction: 'up', relative: 0.5 });
    expect(queryTrend({ searches: 10, previousSearches: 20 })).toEqual({ direction: 'down', relative: -0.5 });
    expect(queryTrend({ searches: 20, previousSearches: 20 }).direction).toBe('flat');
    expect(queryTrend({ searches: 4, previousSearches: 0 })).toEqual({ direction: 'new', relative: null });
  });

  it('rates clicks over searches that had results', () => {
    expect(searchClickRate({ searches: 10, zeroResults: 2, clicked: 4 })).toBe(0.5);
    expect(searchClickRate({ searches: 3, zeroResults: 3, clicked: 0 })).toBeNull();
  });
});

describe('attribution', () => {
  const stats: AttributionStats = {
    rewards: 200,
    byKind: { window: 120, explicit: 50, unmatched: 30, 'future-kind': 0 },
    unmatchedByReason: { 'other-shopper': 10, 'no-impression-in-window': 20 },
    late: 3,
    outOfOrder: 2,
    history: 0,
    repeats: 7,
    duplicates: 1,
  };

  it('lists rewards by kind in a fixed order with shares, new kinds last', () => {
    expect(attributionKindRows(stats).map((r) => [r.key, r.count, r.share])).toEqual([
      ['explicit', 50, 0.25],
      ['window', 120, 0.6],
      ['cross-session', 0, 0],
      ['unmatched', 30, 0.15],
      ['future-kind', 0, 0],
    ]);
  });

  it('lists only the reasons that occurred', () => {
    expect(unmatchedReasonRows(stats).map((r) => [r.key, r.count])).toEqual([
      ['no-impression-in-window', 20],
      ['other-shopper', 10],
    ]);
  });

  it('checks the windows against the contract limits', () => {
    expect(windowsFromForm({ clickWindowMinutes: '30', cartWindowMinutes: '1440', purchaseWindowMinutes: '2880' })).toEqual({
      settings: { clickWindowMinutes: 30, cartWindowMinutes: 1440, purchaseWindowMinutes: 2880 },
      invalid: [],
    });
    expect(windowsFromForm({ clickWindowMinutes: '1441', cartWindowMinutes: '2.5', purchaseWindowMinutes: '' })).toEqual({
      settings: null,
      invalid: ['clickWindowMinutes', 'cartWindowMinutes', 'purchaseWindowMinutes'],
    });
  });
});

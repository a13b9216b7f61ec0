import { createStore, type StoreApi } from 'zustand/vanilla';
import type { AttributionSettings, AttributionStats, MetricDimension, MetricName, MetricsRow, MetricsSummary, MetricsTimeseries, PositionCurve, SearchAnalytics } from '../transport/contract';
import type { ApiClient } from '../transport/apiClient';
import { errorMessage } from './errorMessage';
import { defaultBucket, rangeWindow, tzOffsetMinutes, viewerTimeZone, windowsFromForm, type AttributionWindowsForm, type Bucket, type TimeRange } from './loopMetrics';

/** Slots every shop has; slots seen in the metrics are added to the filter. */
export const KNOWN_SLOTS = ['home', 'product', 'search'] as const;
/** The tiles, chart, breakdown, position curve and attribution counts refresh this often; search analytics and the slot list less often. */
export const LIVE_REFRESH_MS = 5_000;
export const FULL_REFRESH_MS = 30_000;

export interface PerformanceState {
  range: TimeRange;
  bucket: Bucket;
  /** null: every slot. */
  slot: string | null;
  dimension: MetricDimension;
  metric: MetricName;
  slots: string[];
  /** The 'all' row for the range and slot: the KPI tiles. */
  kpis: MetricsRow | null;
  kpisAt: number | null;
  kpisError: string | null;
  breakdown: MetricsSummary | null;
  breakdownError: string | null;
  timeseries: MetricsTimeseries | null;
  timeseriesError: string | null;
  positions: PositionCurve | null;
  positionsError: string | null;
  search: SearchAnalytics | null;
  searchError: string | null;
  attribution: AttributionStats | null;
  attributionError: string | null;
  windows: AttributionSettings | null;
  windowsForm: AttributionWindowsForm | null;
  windowsInvalid: Array<keyof AttributionWindowsForm>;
  windowsSaving: boolean;
  windowsError: string | null;
  windowsSavedAt: number | null;
  /** Requests in flight, for aria-busy and the refresh button. */
  busy: number;
  setRange(range: TimeRange): void;
  setBucket(bucket: Bucket): void;
  setSlot(slot: string | null): void;
  setDimension(dimension: MetricDimension): void;
  setMetric(metric: MetricName): void;
  /** What moves with every list served: tiles, attribution counts, breakdown, chart and position curve. */
  refreshLive(): Promise<void>;
  /** Everything on the page. */
  refreshAll(): Promise<void>;
  /** Search analytics and the slots seen. */
  refreshSlow(): Promise<void>;
  refreshBreakdown(): Promise<void>;
  refreshTimeseries(): Promise<void>;
  setWindowField(field: keyof AttributionWindowsForm, value: string): void;
  saveWindows(): Promise<void>;
}

export type PerformanceStore = StoreApi<PerformanceState>;

function formOf(settings: AttributionSettings): AttributionWindowsForm {
  return {
    clickWindowMinutes: String(settings.clickWindowMinutes),
    cartWindowMinutes: String(settings.cartWindowMinutes),
    purchaseWindowMinutes: String(settings.purchaseWindowMinutes),
  };
}

function mergeSlots(known: readonly string[], seen: readonly string[]): string[] {
  return [...new Set([...known, ...seen.filter((s) => s !== '')])];
}

export function createPerformanceStore(client: ApiClient, now: () => number = Date.now): PerformanceStore {
  // One counter per query: only the latest request of each kind may write, so a slow reply for an old filter never wins.
  const tokens = { kpis: 0, breakdown: 0, timeseries: 0, positions: 0, search: 0, attribution: 0, slots: 0 };
  type Query = keyof typeof tokens;

  return createStore<PerformanceState>()((set, get) => {
    /** Runs one query; writes its answer (or its error) only if no newer request of the same kind was made. */
    async function query<T>(kind: Query, request: () => Promise<T>, onResult: (result: T) => Partial<PerformanceState>, errorField: keyof PerformanceState | null): Promise<void> {
      const token = ++tokens[kind];
      set((s) => ({ busy: s.busy + 1 }));
      try {
        const result = await request();
        if (token === tokens[kind]) set({ ...onResult(result), ...(errorField ? { [errorField]: null } : {}) });
      } catch (error) {
        if (token === tokens[kind] && errorField) set({ [errorField]: errorMessage(error) } as Partial<PerformanceState>);
      } finally {
        set((s) => ({ busy: Math.max(0, s.busy - 1) }));
      }
    }
    const window = () => rangeWindow(get().range, now());
    const slotFilter = () => (get().slot === null ? {} : { slot: get().slot ?? undefined });

    const refreshKpis = () =>
      query(
        'kpis',
        () => client.call('metrics.summary', { ...window(), dimension: 'all', ...slotFilter() }),
        (summary) => ({ kpis: summary.rows[0] ?? null, kpisAt: now() }),
        'kpisError',
      );
    const refreshAttribution = () => query('attribution', () => client.call('attribution.stats', {}), (attribution) => ({ attribution }), 'attributionError');
    const refreshPositions = () =>
      query('positions', () => client.call('metrics.positions', { ...window(), ...slotFilter(), maxPosition: 20 }), (positions) => ({ positions }), 'positionsError');
    const refreshSearch = () =>
      query('search', () => client.call('metrics.search', { ...window(), limit: 15, tzOffsetMinutes: tzOffsetMinutes(), ...viewerTimeZone() }), (search) => ({ search }), 'searchError');
    const refreshSlots = () =>
      query(
        'slots',
        () => client.call('metrics.summary', { ...window(), dimension: 'slot' }),
        (summary) => ({ slots: mergeSlots(get().slots, summary.rows.map((r) => r.key)) }),
        null,
      );
    const loadWindows = async (): Promise<void> => {
      try {
        const windows = await client.call('attribution.settings', {});
        // Keep what the user is typing; fill the form only when it is untouched.
        set((s) => ({ windows, windowsForm: s.windowsForm ?? formOf(windows) }));
      } catch (error) {
        set({ windowsError: errorMessage(error) });
      }
    };

    return {
      range: '24h',
      bucket: defaultBucket('24h'),
      slot: null,
      dimension: 'all',
      metric: 'ctr',
      slots: [...KNOWN_SLOTS],
      kpis: null,
      kpisAt: null,
      kpisError: null,
      breakdown: null,
      breakdownError: null,
      timeseries: null,
      timeseriesError: null,
      positions: null,
      positionsError: null,
      search: null,
      searchError: null,
      attribution: null,
      attributionError: null,
      windows: null,
      windowsForm: null,
      windowsInvalid: [],
      windowsSaving: false,
      windowsError: null,
      windowsSavedAt: null,
      busy: 0,
      setRange(range) {
        set({ range, bucket: defaultBucket(range) });
        void get().refreshAll();
      },
      setBucket(bucket) {
        set({ bucket });
        void get().refreshTimeseries();
      },
      setSlot(slot) {
        set({ slot });
        void Promise.all([refreshKpis(), get().refreshBreakdown(), get().refreshTimeseries(), refreshPositions()]);
      },
      setDimension(dimension) {
        set({ dimension });
        void Promise.all([get().refreshBreakdown(), get().refreshTimeseries()]);
      },
      setMetric(metric) {
        set({ metric });
        void get().refreshTimeseries();
      },
      async refreshLive() {
        await Promise.all([refreshKpis(), refreshAttribution(), get().refreshBreakdown(), get().refreshTimeseries(), refreshPositions()]);
      },
      async refreshAll() {
        await Promise.all([
          refreshKpis(),
          refreshAttribution(),
          get().refreshBreakdown(),
          get().refreshTimeseries(),
          refreshPositions(),
          refreshSearch(),
          refreshSlots(),
          get().windows ? Promise.resolve() : loadWindows(),
        ]);
      },
      async refreshSlow() {
        await Promise.all([refreshSearch(), refreshSlots()]);
      },
      refreshBreakdown: () =>
        query('breakdown', () => client.call('metrics.summary', { ...window(), dimension: get().dimension, ...slotFilter() }), (breakdown) => ({ breakdown }), 'breakdownError'),
      refreshTimeseries: () =>
        query(
          'timeseries',
          () =>
            client.call('metrics.timeseries', {
              ...window(),
              bucket: get().bucket,
              dimension: get().dimension,
              ...slotFilter(),
              metric: get().metric,
              tzOffsetMinutes: tzOffsetMinutes(),
              ...viewerTimeZone(),
              maxSeries: 6,
            }),
          (timeseries) => ({ timeseries }),
          'timeseriesError',
        ),
      setWindowField(field, value) {
        const form = get().windowsForm;
        if (!form) return;
        set({ windowsForm: { ...form, [field]: value }, windowsInvalid: get().windowsInvalid.filter((f) => f !== field), windowsSavedAt: null });
      },
      async saveWindows() {
        const form = get().windowsForm;
        if (!form || get().windowsSaving) return;
        const { settings, invalid } = windowsFromForm(form);
        if (!settings) {
          set({ windowsInvalid: invalid });
          return;
        }
        set({ windowsSaving: true, windowsError: null, windowsInvalid: [] });
        try {
          const windows = await client.call('attribution.configure', { settings, note: '' });
          set({ windows, windowsForm: formOf(windows), windowsSaving: false, windowsSavedAt: now() });
        } catch (error) {
          set({ windowsSaving: false, windowsError: errorMessage(error) });
        }
      },
    };
  });
}

export interface RefreshTimers {
  setInterval?: (fn: () => void, ms: number) => unknown;
  clearInterval?: (handle: unknown) => void;
}

/**
 * While the Performance page is shown: everything once, what moves with each list every few seconds,
 * search analytics and the slot list every half minute. Returns the function that stops it.
 */
export function startPerformanceRefresh(store: PerformanceStore, timers: RefreshTimers = {}): () => void {
  const every = timers.setInterval ?? ((fn, ms) => setInterval(fn, ms));
  const stop = timers.clearInterval ?? ((h) => clearInterval(h as ReturnType<typeof setInterval>));
  void store.getState().refreshAll();
  const live = every(() => void store.getState().refreshLive(), LIVE_REFRESH_MS);
  const full = every(() => void store.getState().refreshSlow(), FULL_REFRESH_MS);
  return () => {
    stop(live);
    stop(full);
  };
}

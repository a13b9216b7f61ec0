import { errorMessage } from './errorMessage';
import { isConfirmationRequired } from './guardStore';

/** A promote or roll back that was applied, for the screen reader's announcement. */
export interface VersionChange {
  change: 'promoted' | 'rolledBack';
  /** What serves now; null when rolled back to none (the fusion weights, for ranking policies). */
  version: string | null;
}

/** The part of a registry store (intent models, ranking policies) that lists versions and changes which one serves. */
export interface VersionRegistryState<V> {
  versions: V[];
  loaded: boolean;
  loading: boolean;
  error: string | null;
  /** The version being promoted, or the store's rollback marker; one change at a time. */
  pending: string | null;
  actionError: string | null;
  announcement: VersionChange | null;
}

export interface VersionRegistrySource<V> {
  list(): Promise<V[]>;
  /** The order the table shows. */
  sort(versions: V[]): V[];
  /** The list with the statuses a change's answer implies (before the registry is re-read). */
  applyServing(versions: V[], serving: V | null): V[];
}

export interface VersionRegistryActions<V> {
  load(): Promise<void>;
  /** A promote or roll back: applies the answer at once, then re-reads the registry for the statuses the engine set. */
  change(pending: string, run: () => Promise<{ serving: V | null }>, kind: VersionChange['change']): Promise<void>;
}

export function initialRegistryState<V>(): VersionRegistryState<V> {
  return { versions: [], loaded: false, loading: false, error: null, pending: null, actionError: null, announcement: null };
}

/**
 * Loading and changing a version registry. Only the latest list request may write: an older reply must
 * not undo a change answered since. A refusal for want of a reason is thrown back to the risk dialog.
 */
export function versionRegistryActions<V extends { version: string }>(
  set: (patch: Partial<VersionRegistryState<V>>) => void,
  get: () => Pick<VersionRegistryState<V>, 'versions' | 'pending'>,
  source: VersionRegistrySource<V>,
): VersionRegistryActions<V> {
  let loadSeq = 0;
  const actions: VersionRegistryActions<V> = {
    async load() {
      const seq = ++loadSeq;
      set({ loading: true, error: null });
      try {
        const versions = await source.list();
        if (seq === loadSeq) set({ versions: source.sort(versions), loaded: true, loading: false });
      } catch (error) {
        if (seq === loadSeq) set({ loading: false, error: errorMessage(error) });
      }
    },
    async change(pending, run, kind) {
      if (get().pending !== null) return;
      set({ pending, actionError: null });
      try {
        const { serving } = await run();
        loadSeq++; // a list request already in flight left before this change
        set({ versions: source.applyServing(get().versions, serving), pending: null, loading: false, announcement: { change: kind, version: serving?.version ?? null } });
        void actions.load();
      } catch (error) {
        set({ pending: null, actionError: isConfirmationRequired(error) ? null : errorMessage(error) });
        if (isConfirmationRequired(error)) throw error;
      }
    },
  };
  return actions;
}

import { createStore, type StoreApi } from 'zustand/vanilla';
import { t } from '../i18n/translate';
import { ImageOrigin, type CatalogImageHosts } from '../transport/contract';
import type { ApiClient } from '../transport/apiClient';
import { errorMessage } from './errorMessage';

/** Reads the host field as the contract does: `cdn.example.com` alone is taken as https. */
export function parseImageOrigin(input: string): { ok: true; origin: string } | { ok: false; error: string } {
  const text = input.trim();
  if (text === '') return { ok: false, error: t('imageHosts.input.empty') };
  const parsed = ImageOrigin.safeParse(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`);
  return parsed.success ? { ok: true, origin: parsed.data } : { ok: false, error: t('imageHosts.input.invalid') };
}

export interface ImageHostsState {
  /** The hosts the settings allow now. */
  origins: string[] | null;
  /** The hosts this console window's policy was loaded with (a change applies when the console reloads). */
  applied: string[] | null;
  /** Where the catalogue's images are. */
  catalogue: CatalogImageHosts | null;
  loading: boolean;
  error: string | null;
  input: string;
  inputError: string | null;
  saving: boolean;
  actionError: string | null;
  load(): Promise<void>;
  setInput(text: string): void;
  /** Adds the typed host (or `origin`) to the allowed hosts and saves. */
  add(origin?: string): Promise<void>;
  remove(origin: string): Promise<void>;
}

export type ImageHostsStore = StoreApi<ImageHostsState>;

/** The product-image hosts on the Settings page: settings.get / settings.set (imageOrigins) and catalog.imageHosts. */
export function createImageHostsStore(client: ApiClient): ImageHostsStore {
  const save = async (origins: string[], set: ImageHostsStore['setState']): Promise<boolean> => {
    set({ saving: true, actionError: null });
    try {
      const view = await client.call('settings.set', { imageOrigins: origins });
      set({ origins: view.settings.imageOrigins, saving: false });
      return true;
    } catch (error) {
      set({ saving: false, actionError: errorMessage(error) });
      return false;
    }
  };
  return createStore<ImageHostsState>()((set, get) => ({
    origins: null,
    applied: null,
    catalogue: null,
    loading: false,
    error: null,
    input: '',
    inputError: null,
    saving: false,
    actionError: null,
    async load() {
      set({ loading: true, error: null });
      try {
        const [view, catalogue] = await Promise.all([client.call('settings.get', {}), client.call('catalog.imageHosts', {})]);
        const origins = view.settings.imageOrigins;
        set({ origins, applied: get().applied ?? origins, catalogue, loading: false });
      } catch (error) {
        set({ loading: false, error: errorMessage(error) });
      }
    },
    setInput: (input) => set({ input, inputError: null }),
    async add(origin) {
      const current = get().origins;
      if (current === null || get().saving) return;
      let next = origin;
      if (next === undefined) {
        const parsed = parseImageOrigin(get().input);
        if (!parsed.ok) {
          set({ inputError: parsed.error });
          return;
        }
        next = parsed.origin;
      }
      if (current.includes(next)) {
        set({ inputError: t('imageHosts.input.already') });
        return;
      }
      if (await save([...current, next], set)) set({ input: origin === undefined ? '' : get().input });
    },
    async remove(origin) {
      const current = get().origins;
      if (current === null || get().saving) return;
      await save(
        current.filter((o) => o !== origin),
        set,
      );
    },
  }));
}

/** Whether the saved hosts differ from those this window loaded with. */
export function reloadNeeded(s: Pick<ImageHostsState, 'origins' | 'applied'>): boolean {
  if (s.origins === null || s.applied === null) return false;
  return s.origins.length !== s.applied.length || s.origins.some((o) => !s.applied!.includes(o));
}

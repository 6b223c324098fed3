import { create } from 'zustand';
import type { BoothDetail, BoothSummary, ExpoView } from '../../shared/api';
import type { ApiError } from '../net/ApiError';
import { toApiError } from '../net/ApiError';
import { fetchBooth, fetchBooths, fetchExpo } from '../net/api';

export type LoadStatus = 'idle' | 'loading' | 'ready' | 'error';

/** One booth page's data, loaded on demand and kept for the visit. */
export type BoothDetailEntry =
  | { status: 'loading' }
  | { status: 'ready'; booth: BoothDetail }
  | { status: 'error'; error: ApiError };

interface ExpoState {
  expo: ExpoView | null;
  booths: BoothSummary[];
  status: LoadStatus;
  /** 0..1 while the expo and its booths load, for the loading screen. */
  progress: number;
  error: ApiError | null;
  boothDetails: Record<string, BoothDetailEntry>;
  /** Loads the expo and its booth list; does nothing while a load runs or after one succeeded. */
  load(options?: { force?: boolean }): Promise<void>;
  /** Loads one booth's details unless they are already here or on their way. */
  loadBooth(slug: string, options?: { force?: boolean }): Promise<void>;
}

/** The expo, its zones and its booths as the server published them. */
export const useExpoStore = create<ExpoState>()((set, get) => ({
  expo: null,
  booths: [],
  status: 'idle',
  progress: 0,
  error: null,
  boothDetails: {},

  async load(options) {
    const { status } = get();
    if (status === 'loading' || (status === 'ready' && !options?.force)) return;
    set({ status: 'loading', progress: 0.1, error: null });
    // Two requests in parallel; each one that lands moves the bar.
    const step = () => set((s) => ({ progress: Math.min(1, s.progress + 0.45) }));
    try {
      const [expo, booths] = await Promise.all([fetchExpo().then(tap(step)), fetchBooths().then(tap(step))]);
      set({ expo, booths, status: 'ready', progress: 1 });
    } catch (error) {
      set({ status: 'error', error: toApiError(error), progress: 0 });
    }
  },

  async loadBooth(slug, options) {
    const entry = get().boothDetails[slug];
    if (entry && (entry.status === 'loading' || (entry.status === 'ready' && !options?.force))) return;
    const put = (e: BoothDetailEntry) => set((s) => ({ boothDetails: { ...s.boothDetails, [slug]: e } }));
    put({ status: 'loading' });
    try {
      put({ status: 'ready', booth: await fetchBooth(slug) });
    } catch (error) {
      put({ status: 'error', error: toApiError(error) });
    }
  },
}));

function tap<T>(fn: () => void): (value: T) => T {
  return (value) => {
    fn();
    return value;
  };
}

import { create } from 'zustand';

export type HallView = '3d' | '2d';

/** Why the hall shows the 2D view on its own accord; null when the visitor chose or 3D runs. */
export type TwoDReason = 'no-webgl' | 'weak-device' | null;

interface HallUiState {
  view: HallView;
  /** Set when the view was chosen for the visitor rather than by them. */
  autoReason: TwoDReason;
  /** The booth whose panel is open. */
  openBoothId: string | null;
  /** The booth the visitor stands at, from the scene (changes a few times a minute, not per frame). */
  nearBoothId: string | null;
  /** Booths whose panel the visitor closed while standing at them, so approach does not reopen it at once. */
  dismissedBoothId: string | null;
  directoryOpen: boolean;
  /** Staff-online flags by booth id; the presence work fills this in. */
  staffOnline: Record<string, boolean>;
  setView(view: HallView, autoReason?: TwoDReason): void;
  openBooth(boothId: string | null): void;
  closeBooth(): void;
  setNearBooth(boothId: string | null): void;
  setDirectoryOpen(open: boolean): void;
  setStaffOnline(boothId: string, online: boolean): void;
}

/** The hall's interface state: which view, which panel. Per-frame data lives in the HallRuntime instead. */
export const useHallStore = create<HallUiState>()((set, get) => ({
  view: '3d',
  autoReason: null,
  openBoothId: null,
  nearBoothId: null,
  dismissedBoothId: null,
  directoryOpen: false,
  staffOnline: {},
  setView: (view, autoReason = null) => set({ view, autoReason }),
  openBooth: (openBoothId) => set({ openBoothId, dismissedBoothId: null }),
  closeBooth: () => set((s) => ({ openBoothId: null, dismissedBoothId: s.nearBoothId })),
  setNearBooth(nearBoothId) {
    const s = get();
    if (s.nearBoothId === nearBoothId) return;
    // Walking up to a booth opens its panel; walking away leaves it open until another booth takes its place.
    const open = nearBoothId && nearBoothId !== s.dismissedBoothId ? nearBoothId : s.openBoothId;
    set({ nearBoothId, openBoothId: open, dismissedBoothId: nearBoothId ? s.dismissedBoothId : null });
  },
  setDirectoryOpen: (directoryOpen) => set({ directoryOpen }),
  setStaffOnline: (boothId, online) => set((s) => ({ staffOnline: { ...s.staffOnline, [boothId]: online } })),
}));

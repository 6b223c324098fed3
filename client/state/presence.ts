/**
 * Who is in the hall around this visitor. Written only by client/net/presence.ts.
 *
 * Two speeds: `avatars` (profiles; changes when someone enters, leaves or edits their profile) and `summary` are
 * React state; poses live in mutable buffers (`poses`) that the 3D scene reads with getState() inside useFrame,
 * never through re-renders.
 */
import { create } from 'zustand';
import type { AvatarInfo, PresenceSummary } from '../../shared/presence';
import { headingToYaw } from '../../shared/presence';
import { cellOf, cellsAdjacent } from '../../shared/presence-cells';
import {
  createPoseBuffer,
  INTERPOLATION_DELAY_MS,
  POSE_BUFFER_CAPACITY,
  type PoseBuffer,
  pushPose,
  stepPlayoutDelay,
  targetPlayoutDelay,
  updateClockOffset,
} from './pose-interpolation';

/** The playout delay (see targetPlayoutDelay): mutated in place, read every frame, not a React dependency. */
interface Playout {
  /** What the batches' arrivals ask for (ms). */
  target: number;
  /** What the scene draws with now (ms). */
  delay: number;
  /** Local time of the last renderTime call. */
  at: number | null;
}
const basePlayout = (): Playout => ({ target: INTERPOLATION_DELAY_MS, delay: INTERPOLATION_DELAY_MS, at: null });

interface PresenceState {
  selfId: number | null;
  avatars: ReadonlyMap<number, AvatarInfo>;
  summary: PresenceSummary | null;
  /** Pose buffers by avatar id (mutated in place; not a React dependency). */
  poses: Map<number, PoseBuffer>;
  /** Local time minus server time, from pose batches. */
  clockOffsetMs: number | null;
  playout: Playout;
  /** Server time at which the scene should draw remote avatars now (call it once a frame: it eases the delay). */
  renderTime(localNow: number): number;
  joined(selfId: number, avatars: readonly AvatarInfo[], localNow: number): void;
  entered(avatars: readonly AvatarInfo[], localNow: number): void;
  exited(ids: readonly number[]): void;
  /** One decoded batch entry; returns true if the avatar is unknown (its profile should be asked for). */
  pose(tick: number, id: number, xCm: number, zCm: number, heading: number): boolean;
  batchArrived(tick: number, localNow: number): void;
  /** Forgets avatars whose last pose lies outside the view of the cell the visitor now stands in. */
  pruneOutside(xCm: number, zCm: number): void;
  setSummary(summary: PresenceSummary): void;
  reset(): void;
}

export const usePresenceStore = create<PresenceState>()((set, get) => ({
  selfId: null,
  avatars: new Map(),
  summary: null,
  poses: new Map(),
  clockOffsetMs: null,
  playout: basePlayout(),
  renderTime: (localNow) => {
    const { clockOffsetMs, playout } = get();
    if (playout.at !== null) playout.delay = stepPlayoutDelay(playout.delay, playout.target, localNow - playout.at);
    playout.at = localNow;
    return localNow - (clockOffsetMs ?? 0) - playout.delay;
  },
  joined: (selfId, avatars, localNow) => {
    const poses = new Map<number, PoseBuffer>();
    const map = new Map<number, AvatarInfo>();
    const t = localNow - (get().clockOffsetMs ?? 0);
    for (const a of avatars) {
      map.set(a.id, a);
      poses.set(a.id, bufferAt(a, t));
    }
    set({ selfId, avatars: map, poses });
  },
  entered: (avatars, localNow) => {
    const { selfId, poses } = get();
    const map = new Map(get().avatars);
    const t = localNow - (get().clockOffsetMs ?? 0);
    for (const a of avatars) {
      if (a.id === selfId) continue;
      if (!poses.has(a.id)) poses.set(a.id, bufferAt(a, t));
      map.set(a.id, a);
    }
    set({ avatars: map });
  },
  exited: (ids) => {
    const { poses } = get();
    const map = new Map(get().avatars);
    for (const id of ids) {
      map.delete(id);
      poses.delete(id);
    }
    set({ avatars: map });
  },
  pose: (tick, id, xCm, zCm, heading) => {
    const state = get();
    if (id === state.selfId) return false;
    let buf = state.poses.get(id);
    if (!buf) {
      buf = createPoseBuffer();
      state.poses.set(id, buf);
    }
    pushPose(buf, tick, xCm / 100, zCm / 100, headingToYaw(heading));
    return !state.avatars.has(id);
  },
  batchArrived: (tick, localNow) => {
    const { clockOffsetMs, playout } = get();
    const offset = updateClockOffset(clockOffsetMs, localNow, tick);
    // How much later than the fastest arrivals this batch came.
    playout.target = targetPlayoutDelay(playout.target, localNow - tick - offset);
    set({ clockOffsetMs: offset });
  },
  pruneOutside: (xCm, zCm) => {
    const here = cellOf(xCm, zCm);
    const gone: number[] = [];
    for (const [id, buf] of get().poses) {
      const newest = (buf.head + POSE_BUFFER_CAPACITY - 1) % POSE_BUFFER_CAPACITY;
      if (buf.count > 0 && !cellsAdjacent(here, cellOf(buf.x[newest]! * 100, buf.z[newest]! * 100))) gone.push(id);
    }
    if (gone.length > 0) get().exited(gone);
  },
  setSummary: (summary) => set({ summary }),
  reset: () => set({ selfId: null, avatars: new Map(), poses: new Map(), playout: basePlayout() }),
}));

function bufferAt(a: AvatarInfo, t: number): PoseBuffer {
  const buf = createPoseBuffer();
  pushPose(buf, t - 1000, a.pose[0] / 100, a.pose[1] / 100, headingToYaw(a.pose[2]));
  return buf;
}

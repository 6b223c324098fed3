import { useFrame, useThree } from '@react-three/fiber';
import { useEffect } from 'react';
import { Vector3 } from 'three';
import { useHallRuntime } from './HallRuntime';
import { useHallStore } from './hallStore';

/** What browser tests and the render benchmark may read from the hall (installed only with ?test=1). */
export interface HallTestHook {
  ready(): boolean;
  player(): { x: number; z: number; yaw: number };
  teleport(x: number, z: number, yaw?: number): void;
  render(): { calls: number; triangles: number; frames: number };
  layout(): unknown;
  video(): { boothId: string | null; paused: boolean; muted: boolean; currentTime: number } | null;
  /** performance.now() timestamps of the first walkable frame and of the first view's assets being ready. */
  timings(): { firstWalkableAt: number | null; assetsReadyAt: number | null };
  /** The video that played last, after the visitor walked away from it. */
  lastVideo(): { paused: boolean } | null;
  nearBoothId(): string | null;
  openBoothId(): string | null;
  setAvatars(count: number): void;
  lookAt(x: number, z: number, pitch?: number): void;
  /** The WebXR session, read-only: null outside one. */
  xrSession(): { mode: string | null; presenting: boolean; visibilityState: string; blendMode: string } | null;
  /** VR state: booth board shown, controller teleports made, the XR camera's world position. */
  vr(): {
    panelBoothId: string | null;
    landings: number;
    camera: { x: number; y: number; z: number } | null;
    /** The teleport the controller aims now (null when not aiming); `valid` false when it is refused and shown so. */
    aim: { valid: boolean; x: number; z: number } | null;
  };
  /**
   * Calls the same landing function the controller's teleport calls on release (for when a test cannot aim the
   * emulated controller); false if the spot is not walkable.
   */
  vrTeleportTo(x: number, z: number): boolean;
  /** Raises the camera over the entrance looking down the whole hall (benchmarks: everything in view). */
  overview(): void;
}

declare global {
  interface Window {
    __minatoHall?: HallTestHook;
    __minatoHallAvatars?: (count: number) => void;
    /** The other visitors the scene drew last (test mode only). */
    __minatoHallLiveAvatars?: import('./avatarSource').AvatarFrame | null;
  }
}

const last = { calls: 0, triangles: 0, frames: 0 };

/** Exposes a read-mostly view of the running hall on `window.__minatoHall` for tests. */
export function TestProbe() {
  const runtime = useHallRuntime();
  const gl = useThree((s) => s.gl);

  useFrame(() => {
    // info holds the previous frame's totals here (it resets at the start of each render).
    last.calls = gl.info.render.calls;
    last.triangles = gl.info.render.triangles;
    last.frames++;
  });

  useEffect(() => {
    const hook: HallTestHook = {
      ready: () => runtime.status.textReady && runtime.status.framesRendered > 2,
      player: () => ({ x: runtime.player.x, z: runtime.player.z, yaw: runtime.player.yaw }),
      teleport: (x, z, yaw) => runtime.teleport(x, z, yaw),
      render: () => ({ ...last }),
      layout: () => runtime.layout,
      video: () => {
        const v = runtime.media.video;
        return v
          ? { boothId: runtime.media.boothId, paused: v.paused, muted: v.muted, currentTime: v.currentTime }
          : null;
      },
      timings: () => ({ firstWalkableAt: runtime.status.firstWalkableAt, assetsReadyAt: runtime.status.assetsReadyAt }),
      lastVideo: () => (runtime.media.lastVideo ? { paused: runtime.media.lastVideo.paused } : null),
      nearBoothId: () => useHallStore.getState().nearBoothId,
      openBoothId: () => useHallStore.getState().openBoothId,
      setAvatars: (count) => window.__minatoHallAvatars?.(count),
      overview: () => undefined,
      xrSession: () => {
        const session = gl.xr.getSession();
        if (!session) return null;
        return {
          mode: runtime.vr.mode,
          presenting: gl.xr.isPresenting,
          visibilityState: session.visibilityState,
          blendMode: session.environmentBlendMode,
        };
      },
      vr: () => {
        let camera: { x: number; y: number; z: number } | null = null;
        if (gl.xr.isPresenting) {
          const v = gl.xr.getCamera().getWorldPosition(new Vector3());
          camera = { x: v.x, y: v.y, z: v.z };
        }
        const { aim } = runtime.vr;
        return {
          panelBoothId: runtime.vr.panelBoothId,
          landings: runtime.vr.landings,
          camera,
          aim: aim.active ? { valid: aim.valid, x: aim.x, z: aim.z } : null,
        };
      },
      vrTeleportTo: (x, z) => runtime.vr.teleportTo?.(x, z) ?? false,
      lookAt: (x, z, pitch = -0.05) => {
        const p = runtime.player;
        p.yaw = Math.atan2(-(x - p.x), -(z - p.z));
        p.pitch = pitch;
      },
    };
    hook.overview = () => {
      const { bounds } = runtime.layout;
      runtime.teleport(0, bounds.maxZ - 2, 0);
      runtime.player.height = Math.max(40, (bounds.maxZ - bounds.minZ) * 0.75);
      runtime.player.pitch = -0.95;
    };
    window.__minatoHall = hook;
    return () => {
      if (window.__minatoHall === hook) delete window.__minatoHall;
    };
  }, [runtime, gl]);
  return null;
}

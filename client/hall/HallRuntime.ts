import { createContext, useContext } from 'react';
import type { Object3D } from 'three';
import type { HallLayout } from '../../shared/layout';

/** The visitor's pose and inputs: mutated every frame, read with plain property access, never React state. */
export interface PlayerState {
  x: number;
  z: number;
  /** Radians; 0 looks towards -z (into the hall), positive turns left. */
  yaw: number;
  pitch: number;
  /** Eye height in metres (raised only for overview shots in tests and benchmarks). */
  height: number;
  /** Where a floor click sent the visitor; null when not walking there. */
  target: { x: number; z: number } | null;
  /** Bumped on every teleport, so views that smooth movement can snap. */
  teleports: number;
}

export interface InputState {
  forward: number;
  strafe: number;
  turn: number;
  run: boolean;
  /** Touch joystick, -1..1 each. */
  joyX: number;
  joyY: number;
}

/** Everything the scene's frame loop and the DOM overlays (minimap) share without re-rendering. */
export interface HallRuntime {
  layout: HallLayout;
  player: PlayerState;
  input: InputState;
  /** Pressed keys by `KeyboardEvent.code`. */
  keys: Set<string>;
  /** Objects a click can land on; the player raycasts these itself rather than through R3F's pointer events. */
  pickables: { floor: Object3D | null; structure: Object3D | null };
  /** Extra click targets (video screens) and what a click on them does. */
  clickables: Map<Object3D, () => void>;
  /** The booth whose video is playing, for tests and the panel. */
  media: { boothId: string | null; video: HTMLVideoElement | null; lastVideo: HTMLVideoElement | null };
  /** Set once the scene's text has been laid out (the last thing the first view waits for). */
  status: {
    textReady: boolean;
    framesRendered: number;
    /** performance.now() of the first frame in which the visitor can walk, and of the first view's assets being in. */
    firstWalkableAt: number | null;
    assetsReadyAt: number | null;
  };
  teleport(x: number, z: number, yaw?: number): void;
  /** The VR session, when the headset view runs (client/hall/vr/VRLayer.tsx fills this in). */
  vr: {
    /** The XR session mode, or null outside a session. */
    mode: string | null;
    /** The booth whose info board shows next to where the visitor landed. */
    panelBoothId: string | null;
    /** Teleports made with the controller (or teleportTo below). */
    landings: number;
    /** Where the controller aims the teleport right now (mutated each frame): `valid` is false when it is refused. */
    aim: { active: boolean; valid: boolean; x: number; z: number };
    /** What the controller's teleport calls on release: lands at (x, z) only if walking could stand there. */
    teleportTo: ((x: number, z: number) => boolean) | null;
  };
}

export function createHallRuntime(layout: HallLayout): HallRuntime {
  const player: PlayerState = {
    x: layout.spawn.x,
    z: layout.spawn.z,
    yaw: layout.spawn.yaw,
    pitch: -0.05,
    height: 1.6,
    target: null,
    teleports: 0,
  };
  return {
    layout,
    player,
    input: { forward: 0, strafe: 0, turn: 0, run: false, joyX: 0, joyY: 0 },
    keys: new Set(),
    pickables: { floor: null, structure: null },
    clickables: new Map(),
    media: { boothId: null, video: null, lastVideo: null },
    status: { textReady: false, framesRendered: 0, firstWalkableAt: null, assetsReadyAt: null },
    vr: {
      mode: null,
      panelBoothId: null,
      landings: 0,
      aim: { active: false, valid: false, x: 0, z: 0 },
      teleportTo: null,
    },
    teleport(x, z, yaw) {
      player.x = x;
      player.z = z;
      if (yaw !== undefined) player.yaw = yaw;
      player.pitch = -0.05;
      player.height = 1.6;
      player.target = null;
      player.teleports++;
    },
  };
}

export const HallRuntimeContext = createContext<HallRuntime | null>(null);

export function useHallRuntime(): HallRuntime {
  const runtime = useContext(HallRuntimeContext);
  if (!runtime) throw new Error('useHallRuntime outside <HallRuntimeContext>');
  return runtime;
}

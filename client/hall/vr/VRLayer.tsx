/**
 * The hall in a VR headset (lazy chunk, loaded only where `immersive-vr` is supported): teleport onto the walkable
 * floor with the thumbstick, snap turn, and a panel with the name and tagline of the booth the visitor landed at.
 */
import { Text } from '@react-three/drei';
import { useFrame, useThree } from '@react-three/fiber';
import { createXRStore, useXR, XR, XROrigin } from '@react-three/xr';
import { useEffect, useMemo, useRef, useState } from 'react';
import {
  BufferAttribute,
  BufferGeometry,
  type Group,
  Line,
  LineBasicMaterial,
  type Mesh,
  type MeshBasicMaterial,
  Quaternion,
  Vector3,
} from 'three';
import type { BoothSummary } from '../../../shared/api';
import { HALL_FONT_PATH } from '../../../shared/hall-page';
import { pickText } from '../../../shared/i18n';
import { useHallRuntime } from '../HallRuntime';
import { drawableText } from '../hallText';
import { boothNear, SNAP_TURN, STICK_OFF, STICK_ON, stickOf, teleportArc, teleportTarget } from './vrLocomotion';

/**
 * One store for the page. No emulator (it would download large chunks on localhost), no session offer, and no
 * controller or hand models: those come from a CDN by default, and venues often have no internet. Controller layouts
 * (which button is which) come from a tiny local profile set under /xr-profiles/.
 */
export const hallXRStore = createXRStore({
  emulate: false,
  offerSession: false,
  enterGrantedSession: false,
  baseAssetPath: new URL('/xr-profiles/', window.location.href).href,
  defaultControllerProfileId: 'generic-trigger-squeeze-thumbstick',
  controller: { model: false, rayPointer: false, grabPointer: false, teleportPointer: false },
  hand: false,
  handTracking: false,
  gaze: false,
  screenInput: false,
  transientPointer: false,
});

export interface VRLayerProps {
  booths: readonly BoothSummary[];
  language: string;
}

export default function VRLayer(props: VRLayerProps) {
  return (
    <XR store={hallXRStore}>
      <VRRig {...props} />
    </XR>
  );
}

const ARC_POINTS = 92;
const VALID = '#3DDC97';
const INVALID = '#FF6B5B';

interface Panel {
  boothId: string;
  x: number;
  z: number;
  rotationY: number;
}

function VRRig({ booths, language }: VRLayerProps) {
  const runtime = useHallRuntime();
  const gl = useThree((s) => s.gl);
  const mode = useXR((s) => s.mode);
  const origin = useRef<Group>(null);
  const marker = useRef<Mesh>(null);
  const [panel, setPanel] = useState<Panel | null>(null);
  const boothsById = useMemo(() => new Map(booths.map((b) => [b.id, b])), [booths]);

  const arc = useMemo(() => {
    const positions = new Float32Array(ARC_POINTS * 3);
    const geometry = new BufferGeometry();
    geometry.setAttribute('position', new BufferAttribute(positions, 3));
    const line = new Line(geometry, new LineBasicMaterial({ color: VALID }));
    line.frustumCulled = false;
    line.visible = false;
    return { positions, geometry, line };
  }, []);
  useEffect(
    () => () => {
      arc.geometry.dispose();
      (arc.line.material as LineBasicMaterial).dispose();
    },
    [arc],
  );

  // Per-session controller state, mutated in the frame loop.
  const control = useRef({
    placedTeleports: -1,
    aimHand: null as XRHandedness | null,
    target: null as { x: number; z: number } | null,
    turnArmed: { left: true, right: true, none: true } as Record<XRHandedness, boolean>,
  });

  useEffect(() => {
    runtime.vr.mode = mode;
    if (mode === null) {
      control.current.placedTeleports = -1;
      control.current.aimHand = null;
      control.current.target = null;
      runtime.player.height = 1.6;
      runtime.vr.aim.active = false;
      arc.line.visible = false;
      if (marker.current) marker.current.visible = false;
      setPanel(null);
      runtime.vr.panelBoothId = null;
    }
  }, [mode, runtime, arc]);

  const showPanelAt = (x: number, z: number) => {
    const plot = boothNear(runtime.layout, x, z);
    runtime.vr.panelBoothId = plot?.boothId ?? null;
    if (!plot) {
      setPanel(null);
      return;
    }
    const entrance = plot.facing === 'entrance';
    const frontZ = entrance ? plot.rect.maxZ : plot.rect.minZ;
    setPanel({
      boothId: plot.boothId,
      x: plot.x,
      z: frontZ + (entrance ? 0.15 : -0.15),
      // Text faces +z; booths facing the back of the hall open towards -z.
      rotationY: entrance ? 0 : Math.PI,
    });
  };

  useFrame((_, __, frame: XRFrame | undefined) => {
    const o = origin.current;
    if (!o || !frame || !gl.xr.isPresenting) return;
    const space = gl.xr.getReferenceSpace();
    const pose = space && frame.getViewerPose(space);
    if (!space || !pose) return;
    const c = control.current;
    const player = runtime.player;

    const headWorld = () => {
      o.updateMatrixWorld();
      const p = pose.transform.position;
      return head.set(p.x, p.y, p.z).applyMatrix4(o.matrixWorld);
    };
    const q = pose.transform.orientation;
    headQuat.set(q.x, q.y, q.z, q.w);

    // Someone placed the visitor (entering VR, a teleport, the booth finder): move the rig so the head is there.
    if (c.placedTeleports !== player.teleports) {
      if (c.placedTeleports === -1) {
        // Entering: face where the visitor looked on the screen.
        o.rotation.y = player.yaw - yawOf(headQuat);
      }
      const h = headWorld();
      o.position.x += player.x - h.x;
      o.position.z += player.z - h.z;
      c.placedTeleports = player.teleports;
      showPanelAt(player.x, player.z);
    }
    const h = headWorld();
    player.x = h.x;
    player.z = h.z;
    player.height = h.y;
    player.yaw = o.rotation.y + yawOf(headQuat);

    let aiming: XRInputSource | null = null;
    for (const source of frame.session.inputSources) {
      if (source.targetRayMode !== 'tracked-pointer' || !source.gamepad) continue;
      const hand = source.handedness;
      const stick = stickOf(source.gamepad);
      // Snap turn about the head, so the visitor turns on the spot.
      if (Math.abs(stick.x) > STICK_ON && Math.abs(stick.x) > Math.abs(stick.y) && c.turnArmed[hand]) {
        c.turnArmed[hand] = false;
        turnAbout(o, h, -Math.sign(stick.x) * SNAP_TURN);
      } else if (Math.abs(stick.x) < STICK_OFF) {
        c.turnArmed[hand] = true;
      }
      // Push forward to aim, let go to jump.
      if (stick.y < -STICK_ON && (c.aimHand === null || c.aimHand === hand)) {
        c.aimHand = hand;
        aiming = source;
      } else if (c.aimHand === hand && stick.y > -STICK_OFF) {
        const target = c.target;
        c.aimHand = null;
        c.target = null;
        if (target) teleportTo(target.x, target.z);
      } else if (c.aimHand === hand) {
        aiming = source; // between the thresholds: keep aiming
      }
    }
    if (c.aimHand !== null && !aiming) {
      c.aimHand = null; // the controller went away
      c.target = null;
    }

    c.target = null;
    let hit: { x: number; z: number; count: number } | null = null;
    if (aiming) {
      const ray = frame.getPose(aiming.targetRaySpace, space);
      if (ray) {
        o.updateMatrixWorld();
        const rp = ray.transform.position;
        const ro = ray.transform.orientation;
        rayFrom.set(rp.x, rp.y, rp.z).applyMatrix4(o.matrixWorld);
        rayDir
          .set(0, 0, -1)
          .applyQuaternion(rayQuat.set(ro.x, ro.y, ro.z, ro.w))
          .applyQuaternion(o.quaternion);
        hit = teleportArc(rayFrom.x, rayFrom.y, rayFrom.z, rayDir.x, rayDir.y, rayDir.z, arc.positions);
        // Refused (and drawn in the warning colour) off the walkable floor or behind a booth wall.
        if (hit) c.target = teleportTarget(runtime.layout, h.x, h.z, hit.x, hit.z);
      }
    }
    const aim = runtime.vr.aim;
    aim.active = hit !== null;
    aim.valid = c.target !== null;
    aim.x = c.target?.x ?? hit?.x ?? 0;
    aim.z = c.target?.z ?? hit?.z ?? 0;
    arc.line.visible = hit !== null;
    if (hit) {
      arc.geometry.setDrawRange(0, hit.count);
      arc.geometry.attributes.position!.needsUpdate = true;
      (arc.line.material as LineBasicMaterial).color.set(c.target ? VALID : INVALID);
    }
    const m = marker.current;
    if (m) {
      m.visible = hit !== null;
      if (hit) {
        m.position.set(c.target?.x ?? hit.x, 0.02, c.target?.z ?? hit.z);
        (m.material as MeshBasicMaterial).color.set(c.target ? VALID : INVALID);
      }
    }
  });

  /** The controller's teleport: lands only where walking could stand, in sight of the visitor (see teleportTarget). */
  const teleportTo = (x: number, z: number) => {
    const spot = teleportTarget(runtime.layout, runtime.player.x, runtime.player.z, x, z);
    if (!spot) return false;
    runtime.vr.landings++;
    runtime.teleport(spot.x, spot.z);
    return true;
  };
  runtime.vr.teleportTo = teleportTo;

  const booth = panel ? boothsById.get(panel.boothId) : undefined;
  return (
    <>
      <XROrigin ref={origin} />
      <primitive object={arc.line} />
      <mesh ref={marker} rotation-x={-Math.PI / 2} visible={false}>
        <ringGeometry args={[0.25, 0.35, 32]} />
        <meshBasicMaterial color={VALID} transparent opacity={0.85} depthWrite={false} />
      </mesh>
      {mode === 'immersive-vr' && panel && booth && (
        <BoothInfoPanel booth={booth} language={language} x={panel.x} z={panel.z} rotationY={panel.rotationY} />
      )}
    </>
  );
}

/** The booth's name and tagline on a board at its front, readable from the aisle (the DOM panel is not visible in VR). */
function BoothInfoPanel({
  booth,
  language,
  x,
  z,
  rotationY,
}: {
  booth: BoothSummary;
  language: string;
  x: number;
  z: number;
  rotationY: number;
}) {
  const name = drawableText(pickText(booth.name, language), booth.name.en);
  const tagline = drawableText(pickText(booth.tagline, language), booth.tagline.en);
  return (
    // Above eye level at the booth's front, so the booth itself stays in view below it.
    <group position={[x, 2.05, z]} rotation-y={rotationY} name="vr-booth-panel" userData={{ boothId: booth.id }}>
      <mesh position={[0, 0, -0.01]}>
        <planeGeometry args={[2.2, 1]} />
        <meshBasicMaterial color="#0B1F3A" transparent opacity={0.92} />
      </mesh>
      <mesh position={[0, 0.47, -0.005]}>
        <planeGeometry args={[2.2, 0.06]} />
        <meshBasicMaterial color={booth.brandColor} />
      </mesh>
      {/* The name grows upwards from the middle, the tagline downwards: two lines each fit. */}
      <Text
        font={HALL_FONT_PATH}
        fontSize={0.16}
        maxWidth={2}
        lineHeight={1.15}
        position={[0, 0.04, 0]}
        anchorX="center"
        anchorY="bottom"
        textAlign="center"
        color="#FFFFFF"
      >
        {name}
      </Text>
      <Text
        font={HALL_FONT_PATH}
        fontSize={0.1}
        maxWidth={2}
        lineHeight={1.25}
        position={[0, -0.04, 0]}
        anchorX="center"
        anchorY="top"
        textAlign="center"
        color="#D7E3F4"
      >
        {tagline}
      </Text>
    </group>
  );
}

const head = new Vector3();
const headQuat = new Quaternion();
const rayFrom = new Vector3();
const rayDir = new Vector3();
const rayQuat = new Quaternion();
const forward = new Vector3();

/** Yaw of an orientation (0 looks towards -z, positive turns left), as the desktop player uses. */
function yawOf(q: Quaternion): number {
  forward.set(0, 0, -1).applyQuaternion(q);
  return Math.atan2(-forward.x, -forward.z);
}

/** Rotates the rig by `angle` about the vertical through `pivot` (the head), keeping the head where it is. */
function turnAbout(o: Group, pivot: Vector3, angle: number) {
  const dx = o.position.x - pivot.x;
  const dz = o.position.z - pivot.z;
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  o.position.x = pivot.x + dx * cos + dz * sin;
  o.position.z = pivot.z - dx * sin + dz * cos;
  o.rotation.y += angle;
}

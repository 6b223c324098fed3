import { useFrame, useThree } from '@react-three/fiber';
import { useEffect } from 'react';
import { Raycaster, Vector2 } from 'three';
import { VISITOR_RADIUS } from '../../shared/layout';
import { resolveCollision } from '../../shared/layout-geometry';
import { useHallRuntime } from './HallRuntime';
import { useHallStore } from './hallStore';
import { plotAt } from './plotAt';

const WALK_SPEED = 3.2;
const RUN_SPEED = 6.5;
const TURN_SPEED = 1.9;
const LOOK_SPEED = 0.0042;
/** Longest step per collision pass, so a slow frame cannot carry the visitor through a 10 cm wall. */
const MAX_STEP = 0.12;

const isTyping = (target: EventTarget | null) =>
  target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));

/** First-person movement: keys, drag to look, click to walk, the touch joystick; collision with booth walls. */
export function Player() {
  const runtime = useHallRuntime();
  const camera = useThree((s) => s.camera);
  const gl = useThree((s) => s.gl);

  useEffect(() => {
    const { keys } = runtime;
    const moveKeys = new Set([
      'KeyW',
      'KeyA',
      'KeyS',
      'KeyD',
      'ArrowUp',
      'ArrowDown',
      'ArrowLeft',
      'ArrowRight',
      'KeyQ',
      'KeyE',
      'ShiftLeft',
      'ShiftRight',
    ]);
    const down = (e: KeyboardEvent) => {
      if (isTyping(e.target) || e.ctrlKey || e.metaKey || e.altKey) return;
      if (!moveKeys.has(e.code)) return;
      keys.add(e.code);
      if (e.code.startsWith('Arrow')) e.preventDefault();
    };
    const up = (e: KeyboardEvent) => keys.delete(e.code);
    const blur = () => keys.clear();
    window.addEventListener('keydown', down);
    window.addEventListener('keyup', up);
    window.addEventListener('blur', blur);

    const el = gl.domElement;
    let dragging = false;
    let startX = 0;
    let startY = 0;
    let lastX = 0;
    let lastY = 0;
    let moved = 0;
    const raycaster = new Raycaster();
    const ndc = new Vector2();
    const pointerDown = (e: PointerEvent) => {
      if (e.button !== 0) return;
      dragging = true;
      moved = 0;
      startX = lastX = e.clientX;
      startY = lastY = e.clientY;
      el.setPointerCapture(e.pointerId);
    };
    const pointerMove = (e: PointerEvent) => {
      if (!dragging) return;
      const dx = e.clientX - lastX;
      const dy = e.clientY - lastY;
      lastX = e.clientX;
      lastY = e.clientY;
      moved = Math.max(moved, Math.abs(e.clientX - startX) + Math.abs(e.clientY - startY));
      if (moved < 4) return;
      const p = runtime.player;
      p.yaw += dx * LOOK_SPEED;
      p.pitch = Math.max(-0.7, Math.min(0.5, p.pitch + dy * LOOK_SPEED));
    };
    const pointerUp = (e: PointerEvent) => {
      if (!dragging) return;
      dragging = false;
      if (el.hasPointerCapture(e.pointerId)) el.releasePointerCapture(e.pointerId);
      if (moved >= 6) return;
      const rect = el.getBoundingClientRect();
      ndc.set(((e.clientX - rect.left) / rect.width) * 2 - 1, -((e.clientY - rect.top) / rect.height) * 2 + 1);
      raycaster.setFromCamera(ndc, camera);
      const targets = [...runtime.clickables.keys()];
      const { floor, structure } = runtime.pickables;
      if (floor) targets.push(floor);
      if (structure) targets.push(structure);
      const hit = raycaster.intersectObjects(targets, false)[0];
      if (!hit) return;
      const action = runtime.clickables.get(hit.object);
      if (action) {
        action();
        return;
      }
      const plot = plotAt(runtime.layout, hit.point.x, hit.point.z, 0.4);
      if (plot) {
        useHallStore.getState().openBooth(plot.boothId);
        return;
      }
      if (hit.object === floor) runtime.player.target = { x: hit.point.x, z: hit.point.z };
    };
    el.addEventListener('pointerdown', pointerDown);
    el.addEventListener('pointermove', pointerMove);
    el.addEventListener('pointerup', pointerUp);
    el.addEventListener('pointercancel', pointerUp);
    el.style.touchAction = 'none';
    return () => {
      window.removeEventListener('keydown', down);
      window.removeEventListener('keyup', up);
      window.removeEventListener('blur', blur);
      el.removeEventListener('pointerdown', pointerDown);
      el.removeEventListener('pointermove', pointerMove);
      el.removeEventListener('pointerup', pointerUp);
      el.removeEventListener('pointercancel', pointerUp);
      keys.clear();
    };
  }, [runtime, gl, camera]);

  useFrame((_, delta) => {
    // In a headset the VR rig (vr/VRLayer.tsx) moves the visitor and the headset moves the camera.
    if (gl.xr.isPresenting) return;
    const { keys, input, player, layout } = runtime;
    const dt = Math.min(delta, 0.1);
    const has = (code: string) => keys.has(code);
    const forward = (has('KeyW') || has('ArrowUp') ? 1 : 0) - (has('KeyS') || has('ArrowDown') ? 1 : 0) - input.joyY;
    const strafe = (has('KeyD') ? 1 : 0) - (has('KeyA') ? 1 : 0) + input.joyX;
    const turn = (has('ArrowLeft') || has('KeyQ') ? 1 : 0) - (has('ArrowRight') || has('KeyE') ? 1 : 0);
    const speed = has('ShiftLeft') || has('ShiftRight') ? RUN_SPEED : WALK_SPEED;
    player.yaw += turn * TURN_SPEED * dt;

    let mx = 0;
    let mz = 0;
    const sin = Math.sin(player.yaw);
    const cos = Math.cos(player.yaw);
    if (forward !== 0 || strafe !== 0) {
      player.target = null;
      // Forward is (-sin, -cos); right is (cos, -sin).
      mx = -sin * forward + cos * strafe;
      mz = -cos * forward - sin * strafe;
      const len = Math.hypot(mx, mz);
      if (len > 1) {
        mx /= len;
        mz /= len;
      }
      mx *= speed * dt;
      mz *= speed * dt;
    } else if (player.target) {
      const dx = player.target.x - player.x;
      const dz = player.target.z - player.z;
      const dist = Math.hypot(dx, dz);
      if (dist < 0.15) {
        player.target = null;
      } else {
        const step = Math.min(dist, WALK_SPEED * dt);
        mx = (dx / dist) * step;
        mz = (dz / dist) * step;
        // Turn gently towards where we walk.
        const want = Math.atan2(-dx, -dz);
        let diff = want - player.yaw;
        diff = Math.atan2(Math.sin(diff), Math.cos(diff));
        player.yaw += diff * Math.min(1, dt * 3);
      }
    }
    if (mx !== 0 || mz !== 0) {
      const steps = Math.max(1, Math.ceil(Math.hypot(mx, mz) / MAX_STEP));
      const out = scratch;
      const fromX = player.x;
      const fromZ = player.z;
      for (let i = 0; i < steps; i++) {
        resolveCollision(
          player.x + mx / steps,
          player.z + mz / steps,
          VISITOR_RADIUS,
          layout.solids,
          layout.walkable,
          out,
        );
        player.x = out.x;
        player.z = out.z;
      }
      // A click-walk that a wall blocks stops instead of pushing against it forever.
      if (player.target && Math.hypot(player.x - fromX, player.z - fromZ) < 0.1 * Math.hypot(mx, mz))
        player.target = null;
    }
    camera.position.set(player.x, player.height, player.z);
    camera.rotation.set(player.pitch, player.yaw, 0, 'YXZ');
    if (runtime.status.framesRendered++ === 0) {
      runtime.status.firstWalkableAt = performance.now();
      performance.mark('hall:first-frame');
    }
  });

  return null;
}

const scratch = { x: 0, z: 0 };

/**
 * Keeps reported poses plausible: inside the walkable hall and no faster than walking. A distance budget refills
 * with time (up to one second's worth), so packets bunched by the network pass while a teleport is cut short.
 */

import type { Rect } from '../../shared/layout';
import { MAX_SPEED_MPS } from '../../shared/presence';
import { clampToRect } from '../../shared/presence-cells';

const MAX_BUDGET_CM = MAX_SPEED_MPS * 100;

export interface ClampedPosition {
  x: number;
  z: number;
  /** Whether the reported position was changed. */
  clamped: boolean;
}

export class MovementClamp {
  private budgetCm = MAX_BUDGET_CM;

  constructor(
    private x: number,
    private z: number,
    private last: number,
  ) {}

  /** Moves to the reported position (cm) at `now` (ms), clamped to `walkable` (m) and to walking speed. */
  move(xCm: number, zCm: number, now: number, walkable: Rect): ClampedPosition {
    const inside = clampToRect(xCm, zCm, walkable);
    let clamped = inside.x !== xCm || inside.z !== zCm;
    const dt = Math.max(0, now - this.last) / 1000;
    this.last = now;
    this.budgetCm = Math.min(MAX_BUDGET_CM, this.budgetCm + dt * MAX_SPEED_MPS * 100);
    const dx = inside.x - this.x;
    const dz = inside.z - this.z;
    const dist = Math.hypot(dx, dz);
    if (dist <= this.budgetCm) {
      this.budgetCm -= dist;
      this.x = inside.x;
      this.z = inside.z;
    } else {
      const k = this.budgetCm / dist;
      this.x = Math.round(this.x + dx * k);
      this.z = Math.round(this.z + dz * k);
      this.budgetCm = 0;
      clamped = true;
    }
    return { x: this.x, z: this.z, clamped };
  }

  /** Places the visitor without a speed check (join, reconnect). */
  reset(xCm: number, zCm: number, now: number): void {
    this.x = xCm;
    this.z = zCm;
    this.last = now;
    this.budgetCm = MAX_BUDGET_CM;
  }
}

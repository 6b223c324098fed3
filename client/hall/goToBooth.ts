import { boothViewpoint } from '../../shared/layout-geometry';
import type { HallRuntime } from './HallRuntime';
import { useHallStore } from './hallStore';

/** Takes the visitor to a booth: in 3D they stand in the aisle facing it; in both views its panel opens. */
export function goToBooth(runtime: HallRuntime, boothId: string): void {
  const store = useHallStore.getState();
  const plot = runtime.layout.plots.find((p) => p.boothId === boothId);
  if (plot && store.view === '3d') {
    const view = boothViewpoint(plot, 2.2);
    runtime.teleport(view.x, view.z, view.yaw);
  }
  store.openBooth(boothId);
}

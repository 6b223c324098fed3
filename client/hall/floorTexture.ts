import { CanvasTexture, LinearMipmapLinearFilter, SRGBColorSpace } from 'three';
import type { ZoneView } from '../../shared/api';
import type { HallLayout, Rect } from '../../shared/layout';
import { mix, PALETTE } from './buildHall';

const FLOOR = '#D9D3C7';

/**
 * The floor as one painted texture: zone carpets in a soft tint of the zone colour, pale aisles with teal edge
 * markings, the entrance mat, the stage audience and the lounge. Painting is cheap and draws in one call.
 */
export function paintFloor(layout: HallLayout, zonesById: ReadonlyMap<string, ZoneView>): CanvasTexture {
  const { bounds } = layout;
  const width = bounds.maxX - bounds.minX;
  const depth = bounds.maxZ - bounds.minZ;
  const scale = Math.min(24, 2048 / Math.max(width, depth));
  const canvas = document.createElement('canvas');
  canvas.width = Math.ceil(width * scale);
  canvas.height = Math.ceil(depth * scale);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('2D canvas unavailable');
  // Canvas x = world x, canvas y = world z (top of the canvas is the back of the hall).
  const rect = (r: Rect, color: string) => {
    ctx.fillStyle = color;
    ctx.fillRect(
      (r.minX - bounds.minX) * scale,
      (r.minZ - bounds.minZ) * scale,
      (r.maxX - r.minX) * scale,
      (r.maxZ - r.minZ) * scale,
    );
  };
  ctx.fillStyle = FLOOR;
  ctx.fillRect(0, 0, canvas.width, canvas.height);

  for (const area of layout.zones) {
    const color = zonesById.get(area.zoneId)?.color ?? PALETTE.teal;
    if (area.kind === 'exhibit') rect(area.rect, mix(PALETTE.sand, color, 0.2));
    else if (area.kind === 'lounge') rect(area.rect, mix('#C9A77E', color, 0.15));
    else rect(area.rect, mix('#3A4A63', color, 0.12));
  }
  for (const stage of layout.stages) rect(stage.audience, '#46576F');
  // Aisles between islands: a lighter runner so the walking lines read at a glance.
  for (const aisle of layout.aisles) {
    if (aisle.kind !== 'row') continue;
    const zone = layout.zones.find((z) => aisle.id.startsWith(`${z.zoneId}/`));
    const color = zonesById.get(zone?.zoneId ?? '')?.color ?? PALETTE.teal;
    rect(aisle.rect, mix(PALETTE.sand, color, 0.08));
  }
  // Boulevard and cross aisles: pale with dashed teal edges.
  ctx.setLineDash([1.2 * scale, 0.8 * scale]);
  ctx.lineWidth = Math.max(1, 0.12 * scale);
  ctx.strokeStyle = mix(PALETTE.teal, FLOOR, 0.25);
  for (const aisle of layout.aisles) {
    if (aisle.kind !== 'boulevard' && aisle.kind !== 'cross') continue;
    rect(aisle.rect, '#ECE7DD');
    const r = aisle.rect;
    const x0 = (r.minX - bounds.minX) * scale;
    const x1 = (r.maxX - bounds.minX) * scale;
    const z0 = (r.minZ - bounds.minZ) * scale;
    const z1 = (r.maxZ - bounds.minZ) * scale;
    ctx.beginPath();
    if (aisle.kind === 'boulevard') {
      ctx.moveTo(x0 + 0.4 * scale, z0);
      ctx.lineTo(x0 + 0.4 * scale, z1);
      ctx.moveTo(x1 - 0.4 * scale, z0);
      ctx.lineTo(x1 - 0.4 * scale, z1);
    } else {
      ctx.moveTo(x0, z0 + 0.4 * scale);
      ctx.lineTo(x1, z0 + 0.4 * scale);
      ctx.moveTo(x0, z1 - 0.4 * scale);
      ctx.lineTo(x1, z1 - 0.4 * scale);
    }
    ctx.stroke();
  }
  ctx.setLineDash([]);
  // Chevrons down the boulevard point visitors into the hall.
  const boulevard = layout.aisles.find((a) => a.id === 'boulevard');
  if (boulevard) {
    ctx.strokeStyle = mix(PALETTE.teal, '#ECE7DD', 0.45);
    ctx.lineWidth = 0.18 * scale;
    const cx = (0 - bounds.minX) * scale;
    for (let z = boulevard.rect.maxZ - 4; z > boulevard.rect.minZ + 2; z -= 8) {
      const y = (z - bounds.minZ) * scale;
      ctx.beginPath();
      ctx.moveTo(cx - 0.9 * scale, y + 0.6 * scale);
      ctx.lineTo(cx, y - 0.3 * scale);
      ctx.lineTo(cx + 0.9 * scale, y + 0.6 * scale);
      ctx.stroke();
    }
  }
  // Entrance mat and a circle around the information desk.
  rect({ minX: -layout.entrance.width / 2, maxX: layout.entrance.width / 2, minZ: -3, maxZ: 0 }, PALETTE.navy);
  ctx.strokeStyle = mix(PALETTE.teal, FLOOR, 0.3);
  ctx.lineWidth = 0.15 * scale;
  ctx.beginPath();
  ctx.arc(
    (layout.infoDesk.x - bounds.minX) * scale,
    (layout.infoDesk.z - bounds.minZ) * scale,
    4.5 * scale,
    0,
    Math.PI * 2,
  );
  ctx.stroke();

  const texture = new CanvasTexture(canvas);
  texture.colorSpace = SRGBColorSpace;
  texture.minFilter = LinearMipmapLinearFilter;
  texture.anisotropy = 8;
  return texture;
}

import { useEffect, useRef } from 'react';
import type { ZoneView } from '../../shared/api';
import { pickText } from '../../shared/i18n';
import { VISITOR_RADIUS } from '../../shared/layout';
import { resolveCollision } from '../../shared/layout-geometry';
import { usePresenceStore } from '../state/presence';
import { mix, PALETTE } from './buildHall';
import { useHallRuntime } from './HallRuntime';
import { useHallText } from './hallText';

const MAX_WIDTH = 220;
const MAX_HEIGHT = 280;

/** A corner map of the hall with zone names and a you-are-here arrow; a click there takes you to that spot. */
export function Minimap({ zones }: { zones: readonly ZoneView[] }) {
  const runtime = useHallRuntime();
  const { text, language } = useHallText();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const { layout } = runtime;
  const { bounds } = layout;
  const scale = Math.min(MAX_WIDTH / (bounds.maxX - bounds.minX), MAX_HEIGHT / (bounds.maxZ - bounds.minZ));
  const width = Math.round((bounds.maxX - bounds.minX) * scale);
  const height = Math.round((bounds.maxZ - bounds.minZ) * scale);

  useEffect(() => {
    const canvas = canvasRef.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    const dpr = Math.min(2, window.devicePixelRatio || 1);
    canvas.width = width * dpr;
    canvas.height = height * dpr;
    // The static map, painted once.
    const base = document.createElement('canvas');
    base.width = canvas.width;
    base.height = canvas.height;
    const b = base.getContext('2d')!;
    b.scale(dpr, dpr);
    const px = (x: number) => (x - bounds.minX) * scale;
    const pz = (z: number) => (z - bounds.minZ) * scale;
    b.fillStyle = 'rgba(11, 31, 58, 0.86)';
    b.fillRect(0, 0, width, height);
    const zonesById = new Map(zones.map((z) => [z.id, z]));
    for (const area of layout.zones) {
      const zone = zonesById.get(area.zoneId);
      b.fillStyle = mix(PALETTE.navy, zone?.color ?? PALETTE.teal, 0.45);
      const r = area.rect;
      b.fillRect(px(r.minX), pz(r.minZ), (r.maxX - r.minX) * scale, (r.maxZ - r.minZ) * scale);
    }
    b.fillStyle = 'rgba(245, 241, 232, 0.85)';
    for (const plot of layout.plots) {
      const r = plot.rect;
      b.fillRect(px(r.minX) + 0.5, pz(r.minZ) + 0.5, (r.maxX - r.minX) * scale - 1, (r.maxZ - r.minZ) * scale - 1);
    }
    b.fillStyle = PALETTE.teal;
    b.fillRect(px(layout.infoDesk.rect.minX), pz(layout.infoDesk.rect.minZ), 5 * scale, 2 * scale);
    b.textAlign = 'center';
    b.textBaseline = 'middle';
    b.font = '600 10px system-ui, sans-serif';
    for (const area of layout.zones) {
      const zone = zonesById.get(area.zoneId);
      if (!zone) continue;
      const r = area.rect;
      const cx = px((r.minX + r.maxX) / 2);
      const top = pz(r.maxZ) - 7;
      const label = pickText(zone.name, language);
      b.fillStyle = 'rgba(11, 31, 58, 0.75)';
      const w = Math.min(b.measureText(label).width + 6, (r.maxX - r.minX) * scale - 2);
      b.fillRect(cx - w / 2, top - 6, w, 12);
      b.fillStyle = '#FFFFFF';
      b.fillText(label, cx, top, (r.maxX - r.minX) * scale - 6);
    }

    let raf = 0;
    let lastX = Number.NaN;
    let lastZ = 0;
    let lastYaw = 0;
    const draw = () => {
      raf = requestAnimationFrame(draw);
      const p = runtime.player;
      if (p.x === lastX && p.z === lastZ && p.yaw === lastYaw) return;
      lastX = p.x;
      lastZ = p.z;
      lastYaw = p.yaw;
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      ctx.clearRect(0, 0, canvas.width, canvas.height);
      ctx.drawImage(base, 0, 0);
      ctx.scale(dpr, dpr);
      ctx.translate(px(p.x), pz(p.z));
      ctx.rotate(-p.yaw);
      ctx.fillStyle = PALETTE.coral;
      ctx.strokeStyle = '#FFFFFF';
      ctx.lineWidth = 1.5;
      ctx.beginPath();
      ctx.moveTo(0, -8);
      ctx.lineTo(5.5, 6);
      ctx.lineTo(0, 3);
      ctx.lineTo(-5.5, 6);
      ctx.closePath();
      ctx.fill();
      ctx.stroke();
    };
    draw();
    return () => cancelAnimationFrame(raf);
  }, [runtime, layout, bounds, scale, width, height, zones, language]);

  const onClick = (e: React.MouseEvent<HTMLCanvasElement>) => {
    const rect = e.currentTarget.getBoundingClientRect();
    const x = bounds.minX + ((e.clientX - rect.left) / rect.width) * (bounds.maxX - bounds.minX);
    const z = bounds.minZ + ((e.clientY - rect.top) / rect.height) * (bounds.maxZ - bounds.minZ);
    const out = { x, z };
    resolveCollision(x, z, VISITOR_RADIUS, layout.solids, layout.walkable, out);
    runtime.teleport(out.x, out.z);
  };

  return (
    <figure className="minimap">
      <canvas
        ref={canvasRef}
        style={{ width: width, height }}
        onClick={onClick}
        aria-label={text('minimap')}
        role="img"
      />
      <ZoneCounts zones={zones} />
    </figure>
  );
}

/** Head counts from presence (updated about once a second): the whole hall and each zone with people in it. */
function ZoneCounts({ zones }: { zones: readonly ZoneView[] }) {
  const summary = usePresenceStore((s) => s.summary);
  const { text, language } = useHallText();
  if (!summary) return null;
  const busy = zones.filter((z) => (summary.zones[z.id] ?? 0) > 0);
  return (
    <figcaption className="minimap__counts">
      <strong>{summary.total === 1 ? text('personInHall') : text('peopleInHall', { count: summary.total })}</strong>
      {busy.length > 0 && (
        <ul aria-label={text('peopleByZone')}>
          {busy.map((z) => (
            <li key={z.id}>
              <span className="minimap__swatch" style={{ background: z.color }} aria-hidden="true" />
              {pickText(z.name, language)} <span className="minimap__count">{summary.zones[z.id]}</span>
            </li>
          ))}
        </ul>
      )}
    </figcaption>
  );
}

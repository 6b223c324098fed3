import { Color } from 'three';
import type { BoothSummary, ZoneView } from '../../shared/api';
import { BOOTH_WALL_HEIGHT, type BoothPlot, type HallLayout } from '../../shared/layout';
import { GeometryBuilder } from './GeometryBuilder';
import type { TextureAtlas } from './TextureAtlas';

/** The hall's palette: a harbour at dusk, calm surfaces so the brands carry the colour. */
export const PALETTE = {
  navy: '#0B1F3A',
  navyLight: '#1D4070',
  teal: '#1FA39A',
  sand: '#F5F1E8',
  coral: '#FF6B5A',
  shell: '#EEEAE1',
  shellShade: '#DCD6CA',
  white: '#FFFFFF',
  screen: '#101A2B',
  wall: '#E7E2D8',
  seat: '#2A3F5F',
} as const;

/** A hex colour `t` of the way from `a` to `b`. */
export function mix(a: string, b: string, t: number): string {
  return `#${new Color(a).lerp(new Color(b), t).getHexString()}`;
}

/** A label to draw in the scene (all labels share one batched text mesh). */
export interface SceneLabel {
  key: string;
  text: string;
  x: number;
  y: number;
  z: number;
  rotationY: number;
  fontSize: number;
  maxWidth: number;
}

/** Where a booth's interactive parts are, in world space: the screen for its video, the pedestal for its model. */
export interface BoothAnchors {
  boothId: string;
  screen: { x: number; y: number; z: number; rotationY: number; width: number; height: number };
  pedestal: { x: number; y: number; z: number };
  staffLight: { x: number; y: number; z: number };
  posterSlot: number;
}

export interface HallBuild {
  structure: GeometryBuilder;
  logos: GeometryBuilder;
  posters: GeometryBuilder;
  labels: SceneLabel[];
  anchors: Map<string, BoothAnchors>;
}

interface BoothTemplate {
  screen: { x: number; y: number; width: number; height: number };
  poster: { x: number; y: number; width: number; height: number };
  pedestal: { x: number; z: number };
  counter: { x: number; z: number; width: number };
}

/** Positions of a template's parts in plot space (front = +z, back wall at -depth/2). */
function template(plot: BoothPlot): BoothTemplate {
  const w = plot.width;
  const d = plot.depth;
  switch (plot.size) {
    case 'small':
      return {
        screen: { x: 0.55, y: 1.55, width: 1.3, height: 0.73 },
        poster: { x: -0.9, y: 1.4, width: 0.8, height: 1.2 },
        pedestal: { x: w / 2 - 0.65, z: d / 2 - 0.9 },
        counter: { x: -w / 2 + 0.85, z: d / 2 - 0.55, width: 1.1 },
      };
    case 'medium':
      return {
        screen: { x: 0.9, y: 1.55, width: 2.1, height: 1.18 },
        poster: { x: -1.6, y: 1.4, width: 1.0, height: 1.5 },
        pedestal: { x: w / 2 - 1.0, z: d / 2 - 1.0 },
        counter: { x: -w / 2 + 1.2, z: d / 2 - 0.6, width: 1.6 },
      };
    case 'large':
      return {
        screen: { x: 0.7, y: 1.7, width: 2.6, height: 1.46 },
        poster: { x: -1.9, y: 1.45, width: 1.1, height: 1.65 },
        pedestal: { x: 1.3, z: 0.6 },
        counter: { x: -1.3, z: 1.9, width: 2.0 },
      };
  }
}

const FASCIA_Y = BOOTH_WALL_HEIGHT + 0.25;

/**
 * Builds the whole static hall: every booth shell, the walls, the information desk, the stage and the lounge
 * furniture, as three merged geometries (structure, logos, posters) and a list of labels.
 */
export function buildHall(
  layout: HallLayout,
  boothsById: ReadonlyMap<string, BoothSummary>,
  zonesById: ReadonlyMap<string, ZoneView>,
  nameOf: (booth: BoothSummary) => string,
  zoneNameOf: (zone: ZoneView) => string,
  labelsText: { entrance: string; information: string; welcome: string },
  logoAtlas: TextureAtlas,
  posterAtlas: TextureAtlas,
): HallBuild {
  const s = new GeometryBuilder();
  const logos = new GeometryBuilder();
  const posters = new GeometryBuilder();
  const labels: SceneLabel[] = [];
  const anchors = new Map<string, BoothAnchors>();

  layout.plots.forEach((plot, index) => {
    const booth = boothsById.get(plot.boothId);
    if (!booth) return;
    const brand = booth.brandColor;
    const brandSoft = mix(PALETTE.shell, brand, 0.22);
    const w = plot.width;
    const d = plot.depth;
    const t = template(plot);
    s.frame(plot.x, plot.z, plot.rotation);
    logos.frame(plot.x, plot.z, plot.rotation);
    posters.frame(plot.x, plot.z, plot.rotation);
    const back = -d / 2;
    const name = nameOf(booth);

    if (plot.size === 'large') {
      // An island: raised floor, a tall back wall with a header, a totem with the logo at the front corner.
      s.box(0, 0.05, 0, w, 0.1, d, brandSoft);
      s.box(0, 1.75, back + 0.05, w, 3.5, 0.1, PALETTE.shell);
      s.box(0, 3.2, back + 0.11, w, 0.6, 0.02, brand);
      s.box(0, 1.6, back - 0.01, w - 0.4, 2.6, 0.02, brand);
      s.box(0.4, 2.6, back + 0.12, 4.2, 0.55, 0.02, PALETTE.white);
      s.box(w / 2 - 0.45, 1.75, d / 2 - 0.45, 0.7, 3.5, 0.7, PALETTE.shell);
      s.box(w / 2 - 0.45, 3.3, d / 2 - 0.45, 0.72, 0.4, 0.72, brand);
      logos.panel(w / 2 - 0.45, 2.55, d / 2 - 0.094, 0.66, 0.33, logoAtlas.uv(index));
      logos.panel(-2.3, 2.6, back + 0.135, 0.8, 0.4, logoAtlas.uv(index));
      labels.push(label(`booth:${plot.boothId}`, name, plot, 0.4, 2.6, back + 0.14, 0, 0.3, 4));
      // The back of the island faces the next aisle: give it the name too.
      s.box(0, 2.75, back - 0.03, 4.2, 0.5, 0.02, PALETTE.white);
      labels.push(label(`booth-back:${plot.boothId}`, name, plot, 0, 2.75, back - 0.045, Math.PI, 0.3, 4));
    } else if (booth.template.startsWith('open-')) {
      // An open booth: low side rails instead of walls, no fascia; the name rides a header board above the back
      // wall. The footprint (and so what a visitor bumps into) is the shell's.
      s.box(0, 0.015, 0, w - 0.1, 0.03, d - 0.05, brandSoft);
      s.box(0, BOOTH_WALL_HEIGHT / 2, back + 0.05, w, BOOTH_WALL_HEIGHT, 0.1, PALETTE.shell);
      s.box(-w / 2 + 0.05, 0.55, 0, 0.1, 1.1, d, PALETTE.shellShade);
      s.box(w / 2 - 0.05, 0.55, 0, 0.1, 1.1, d, PALETTE.shellShade);
      s.box(0, BOOTH_WALL_HEIGHT + 0.35, back + 0.05, w, 0.7, 0.1, brand);
      s.box(0.35, BOOTH_WALL_HEIGHT + 0.35, back + 0.11, w - 1.4, 0.46, 0.02, PALETTE.white);
      s.box(-w / 2 + 0.5, BOOTH_WALL_HEIGHT + 0.35, back + 0.105, 0.78, 0.42, 0.01, PALETTE.white);
      logos.panel(-w / 2 + 0.5, BOOTH_WALL_HEIGHT + 0.35, back + 0.115, 0.72, 0.36, logoAtlas.uv(index));
      labels.push(
        label(`booth:${plot.boothId}`, name, plot, 0.35, BOOTH_WALL_HEIGHT + 0.35, back + 0.125, 0, 0.24, w - 1.6),
      );
    } else {
      // A shell-scheme booth: back and side walls, a white fascia with logo and name over the open front.
      s.box(0, 0.015, 0, w - 0.1, 0.03, d - 0.05, brandSoft);
      s.box(0, BOOTH_WALL_HEIGHT / 2, back + 0.05, w, BOOTH_WALL_HEIGHT, 0.1, PALETTE.shell);
      s.box(-w / 2 + 0.05, BOOTH_WALL_HEIGHT / 2, 0, 0.1, BOOTH_WALL_HEIGHT, d, PALETTE.shellShade);
      s.box(w / 2 - 0.05, BOOTH_WALL_HEIGHT / 2, 0, 0.1, BOOTH_WALL_HEIGHT, d, PALETTE.shellShade);
      s.box(0, 2.2, back + 0.11, w - 0.2, 0.5, 0.02, brand);
      s.box(0, FASCIA_Y, d / 2 - 0.05, w, 0.5, 0.08, PALETTE.white);
      s.box(0, BOOTH_WALL_HEIGHT - 0.04, d / 2 - 0.05, w, 0.08, 0.1, brand);
      logos.panel(-w / 2 + 0.5, FASCIA_Y, d / 2 - 0.005, 0.72, 0.36, logoAtlas.uv(index));
      labels.push(label(`booth:${plot.boothId}`, name, plot, 0.35, FASCIA_Y, d / 2 + 0.0, 0, 0.24, w - 1.2));
    }

    // The screen's bezel; the picture itself is drawn for near booths only (video or still).
    s.box(t.screen.x, t.screen.y, back + 0.13, t.screen.width + 0.08, t.screen.height + 0.08, 0.04, PALETTE.screen);
    // Between videos the screen shows the exhibitor's logo, like a holding slide.
    logos.panel(t.screen.x, t.screen.y, back + 0.152, t.screen.width, t.screen.height, logoAtlas.uv(index));
    // Poster in a thin frame.
    s.box(
      t.poster.x,
      t.poster.y,
      back + 0.115,
      t.poster.width + 0.06,
      t.poster.height + 0.06,
      0.01,
      PALETTE.shellShade,
    );
    posters.panel(t.poster.x, t.poster.y, back + 0.125, t.poster.width, t.poster.height, posterAtlas.uv(index));
    // Counter in the brand colour with a white top; a pedestal for the product model; a brochure rack.
    s.box(t.counter.x, 0.5, t.counter.z, t.counter.width, 1.0, 0.5, brand);
    s.box(t.counter.x, 1.02, t.counter.z, t.counter.width + 0.08, 0.04, 0.58, PALETTE.white);
    s.box(t.pedestal.x, 0.45, t.pedestal.z, 0.55, 0.9, 0.55, PALETTE.white);
    const rackX = plot.size === 'large' ? -w / 2 + 0.5 : w / 2 - 0.35;
    s.box(rackX, 0.7, back + 0.35, 0.4, 1.4, 0.22, PALETTE.navyLight);
    for (let i = 0; i < 3; i++)
      s.box(rackX, 0.55 + i * 0.35, back + 0.47, 0.3, 0.26, 0.02, i === 1 ? brand : PALETTE.sand);

    const world = (lx: number, y: number, lz: number) => {
      const c = Math.cos(plot.rotation);
      const sn = Math.sin(plot.rotation);
      return { x: plot.x + lx * c + lz * sn, y, z: plot.z - lx * sn + lz * c };
    };
    anchors.set(plot.boothId, {
      boothId: plot.boothId,
      screen: {
        ...world(t.screen.x, t.screen.y, back + 0.155),
        rotationY: plot.rotation,
        width: t.screen.width,
        height: t.screen.height,
      },
      pedestal: world(t.pedestal.x, 0.9, t.pedestal.z),
      staffLight: world(t.counter.x + t.counter.width / 2 - 0.15, 1.1, t.counter.z),
      posterSlot: index,
    });
  });

  s.frame(0, 0, 0);
  const { bounds } = layout;
  const hallW = bounds.maxX - bounds.minX;
  const hallD = bounds.maxZ - bounds.minZ;
  const cz = (bounds.minZ + bounds.maxZ) / 2;
  const wallH = 7;
  // Outer walls: light below, a navy band at the top where the ceiling lights would hang.
  s.box(bounds.minX + 0.15, wallH / 2, cz, 0.3, wallH, hallD, PALETTE.wall);
  s.box(bounds.maxX - 0.15, wallH / 2, cz, 0.3, wallH, hallD, PALETTE.wall);
  s.box(0, wallH / 2, bounds.minZ + 0.15, hallW, wallH, 0.3, PALETTE.wall);
  const doorHalf = layout.entrance.width / 2;
  const sideW = bounds.maxX - doorHalf;
  s.box(-doorHalf - sideW / 2, wallH / 2, -0.15, sideW, wallH, 0.3, PALETTE.wall);
  s.box(doorHalf + sideW / 2, wallH / 2, -0.15, sideW, wallH, 0.3, PALETTE.wall);
  s.box(0, wallH - 1.25, -0.15, layout.entrance.width, 2.5, 0.3, PALETTE.wall);
  s.box(0, 2.25, 0.2, layout.entrance.width, 4.5, 0.05, '#CFE3E6');
  s.box(0, 0.35, bounds.minZ + 0.31, hallW - 0.6, 0.7, 0.02, PALETTE.shellShade);
  s.box(bounds.minX + 0.31, 0.35, cz, 0.02, 0.7, hallD - 0.6, PALETTE.shellShade);
  s.box(bounds.maxX - 0.31, 0.35, cz, 0.02, 0.7, hallD - 0.6, PALETTE.shellShade);
  s.box(0, wallH - 0.5, bounds.minZ + 0.32, hallW - 0.6, 1, 0.02, PALETTE.navy);
  s.box(bounds.minX + 0.32, wallH - 0.5, cz, 0.02, 1, hallD - 0.6, PALETTE.navy);
  s.box(bounds.maxX - 0.32, wallH - 0.5, cz, 0.02, 1, hallD - 0.6, PALETTE.navy);
  s.box(0, wallH - 0.5, -0.32, hallW - 0.6, 1, 0.02, PALETTE.navy);
  labels.push(free('entrance', labelsText.entrance, 0, 4.9, -0.35, 0, 0.6, 6));
  // Roof trusses with light panels, so looking up reads as a hall rather than a night sky.
  for (let z = -6; z > bounds.minZ + 2; z -= 12) {
    s.box(0, 8.6, z, hallW - 0.6, 0.35, 0.35, '#2B4166');
    for (let x = bounds.minX + 6; x < bounds.maxX - 4; x += 8) s.box(x, 8.38, z, 3.2, 0.08, 0.9, '#FFF8E6');
  }

  // Information desk: a teal-fronted counter under a hanging sign.
  const desk = layout.infoDesk;
  s.box(desk.x, 0.55, desk.z, desk.rect.maxX - desk.rect.minX, 1.1, desk.rect.maxZ - desk.rect.minZ, PALETTE.teal);
  s.box(desk.x, 1.12, desk.z, desk.rect.maxX - desk.rect.minX + 0.1, 0.05, 1.1, PALETTE.white);
  s.box(desk.x, 3.3, desk.z, 4.4, 0.8, 0.1, PALETTE.navy);
  // Standing on two posts from the desk, so nothing crosses the welcome banner behind it.
  s.box(desk.x - 1.8, 2.05, desk.z - 0.2, 0.08, 1.9, 0.08, PALETTE.navyLight);
  s.box(desk.x + 1.8, 2.05, desk.z - 0.2, 0.08, 1.9, 0.08, PALETTE.navyLight);
  s.box(desk.x, 3.3, desk.z + 0.06, 4.2, 0.6, 0.02, PALETTE.white);
  labels.push(free('info', labelsText.information, desk.x, 3.3, desk.z + 0.08, 0, 0.36, 4));
  s.box(0, 6.2, -FOYER_BANNER_Z, 14, 1.2, 0.1, PALETTE.navy);
  s.box(0, 6.2, -FOYER_BANNER_Z + 0.06, 13.8, 1.0, 0.02, PALETTE.sand);
  labels.push(free('welcome', labelsText.welcome, 0, 6.2, -FOYER_BANNER_Z + 0.08, 0, 0.6, 13));

  // Zone signs hang over each zone's front aisle, readable from the far end of the hall.
  for (const area of layout.zones) {
    const zone = zonesById.get(area.zoneId);
    if (!zone) continue;
    const { x, y, z } = area.sign;
    const color = zone.color;
    const signW = area.kind === 'exhibit' ? 10 : 8;
    s.box(x, y, z, signW, 1.4, 0.12, color);
    s.box(x, y + 0.05, z + 0.07, signW - 0.3, 1.0, 0.02, PALETTE.white);
    s.box(x, y + 0.05, z - 0.07, signW - 0.3, 1.0, 0.02, PALETTE.white);
    s.box(x - signW / 2 + 0.3, y + 2.4, z, 0.03, 3.4, 0.03, PALETTE.navyLight);
    s.box(x + signW / 2 - 0.3, y + 2.4, z, 0.03, 3.4, 0.03, PALETTE.navyLight);
    const name = zoneNameOf(zone);
    labels.push(free(`zone:${area.zoneId}`, name, x, y + 0.05, z + 0.085, 0, 0.6, signW - 0.8));
    labels.push(free(`zone-back:${area.zoneId}`, name, x, y + 0.05, z - 0.085, Math.PI, 0.6, signW - 0.8));
  }

  // Stage: a navy platform, a big screen, rows of seats.
  for (const stage of layout.stages) {
    const p = stage.platform;
    const px = (p.minX + p.maxX) / 2;
    const pw = p.maxX - p.minX;
    const pd = p.maxZ - p.minZ;
    s.box(px, 0.4, (p.minZ + p.maxZ) / 2, pw, 0.8, pd, PALETTE.navy);
    s.box(px, 0.4, p.maxZ - 0.02, pw, 0.8, 0.06, PALETTE.teal);
    s.box(px, 3.6, p.minZ + 0.3, pw - 2, 5.6, 0.2, PALETTE.navy);
    s.box(px, 3.8, p.minZ + 0.42, pw - 3, 4.2, 0.04, '#21406A');
    s.box(px, 1.3, (p.minZ + p.maxZ) / 2 + 0.5, 0.8, 1.0, 0.5, PALETTE.navyLight);
    for (const seat of stage.seats) {
      const sx = (seat.minX + seat.maxX) / 2;
      const sz = (seat.minZ + seat.maxZ) / 2;
      s.box(sx, 0.22, sz, seat.maxX - seat.minX, 0.44, seat.maxZ - seat.minZ, PALETTE.seat);
      s.box(sx, 0.6, seat.minZ + 0.05, seat.maxX - seat.minX, 0.5, 0.08, PALETTE.seat);
    }
  }

  // Lounge: round tables with stools, planters along the edge.
  for (const lounge of layout.lounges) {
    const zone = zonesById.get(lounge.zoneId);
    const accent = zone?.color ?? PALETTE.coral;
    for (const table of lounge.tables) {
      s.cylinder(table.x, 0.72, table.z, table.radius, 0.05, PALETTE.white, 14);
      s.cylinder(table.x, 0.36, table.z, 0.07, 0.72, PALETTE.navyLight, 6);
      for (let k = 0; k < 4; k++) {
        const a = (k / 4) * Math.PI * 2 + Math.PI / 4;
        s.cylinder(table.x + Math.sin(a) * 1.05, 0.23, table.z + Math.cos(a) * 1.05, 0.24, 0.46, accent, 10);
      }
    }
    const r = lounge.rect;
    for (let x = r.minX + 1; x <= r.maxX - 1; x += 4) {
      s.box(x, 0.3, r.minZ + 0.5, 1.2, 0.6, 0.6, PALETTE.shellShade);
      s.box(x, 0.9, r.minZ + 0.5, 1.0, 0.7, 0.45, '#5E8F6A');
    }
  }

  return { structure: s, logos, posters, labels, anchors };
}

const FOYER_BANNER_Z = 13.5;

function label(
  key: string,
  text: string,
  plot: BoothPlot,
  lx: number,
  y: number,
  lz: number,
  extraRotation: number,
  fontSize: number,
  maxWidth: number,
): SceneLabel {
  const c = Math.cos(plot.rotation);
  const sn = Math.sin(plot.rotation);
  return {
    key,
    text,
    x: plot.x + lx * c + lz * sn,
    y,
    z: plot.z - lx * sn + lz * c,
    rotationY: plot.rotation + extraRotation,
    fontSize,
    maxWidth,
  };
}

function free(
  key: string,
  text: string,
  x: number,
  y: number,
  z: number,
  rotationY: number,
  fontSize: number,
  maxWidth: number,
): SceneLabel {
  return { key, text, x, y, z, rotationY, fontSize, maxWidth };
}

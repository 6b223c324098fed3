/** Reading colours out of a screenshot of a WebGL canvas (software rendering shades them, so compare by hue). */
import sharp from 'sharp';

function hsv(r: number, g: number, b: number): { h: number; s: number; v: number } {
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  const d = max - min;
  let h = 0;
  if (d > 0) {
    if (max === r) h = ((g - b) / d + 6) % 6;
    else if (max === g) h = (b - r) / d + 2;
    else h = (r - g) / d + 4;
  }
  return { h: h * 60, s: max === 0 ? 0 : d / max, v: max / 255 };
}

/**
 * The share of a PNG's pixels that are clearly of `hex`'s hue (within `tolerance` degrees, saturated and not dark):
 * lit, shaded and textured surfaces of one colour all count, neutral walls and floors do not.
 */
export async function hueShare(png: Buffer, hex: string, tolerance = 15): Promise<number> {
  const target = hsv(
    Number.parseInt(hex.slice(1, 3), 16),
    Number.parseInt(hex.slice(3, 5), 16),
    Number.parseInt(hex.slice(5, 7), 16),
  );
  const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  let hits = 0;
  const pixels = info.width * info.height;
  for (let i = 0; i < data.length; i += info.channels) {
    const c = hsv(data[i]!, data[i + 1]!, data[i + 2]!);
    const dh = Math.min(Math.abs(c.h - target.h), 360 - Math.abs(c.h - target.h));
    if (c.s > 0.35 && c.v > 0.25 && dh <= tolerance) hits++;
  }
  return hits / pixels;
}

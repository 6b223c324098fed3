import {
  CanvasTexture,
  DefaultLoadingManager,
  ImageLoader,
  LinearMipmapLinearFilter,
  type LoadingManager,
  SRGBColorSpace,
} from 'three';

export type Uv = [number, number, number, number];

/**
 * Many small pictures (logos, posters) in one texture so all booths draw them in one call. Images load through
 * three's default loading manager, so the hall's progress bar counts them.
 */
export class TextureAtlas {
  readonly texture: CanvasTexture;
  private readonly canvas: HTMLCanvasElement;
  private readonly ctx: CanvasRenderingContext2D;
  private readonly columns: number;
  private readonly loader: ImageLoader;
  private dirty = false;
  private disposed = false;

  constructor(
    readonly slots: number,
    readonly cellWidth: number,
    readonly cellHeight: number,
    maxWidth = 2048,
    /** Whose progress these loads count towards; the default is what the hall's loading bar watches. */
    manager: LoadingManager = DefaultLoadingManager,
  ) {
    this.loader = new ImageLoader(manager);
    this.columns = Math.max(1, Math.min(slots, Math.floor(maxWidth / cellWidth)));
    const rows = Math.max(1, Math.ceil(slots / this.columns));
    this.canvas = document.createElement('canvas');
    this.canvas.width = this.columns * cellWidth;
    this.canvas.height = rows * cellHeight;
    const ctx = this.canvas.getContext('2d');
    if (!ctx) throw new Error('2D canvas unavailable');
    this.ctx = ctx;
    this.ctx.fillStyle = '#ffffff';
    this.ctx.fillRect(0, 0, this.canvas.width, this.canvas.height);
    this.texture = new CanvasTexture(this.canvas);
    this.texture.colorSpace = SRGBColorSpace;
    this.texture.minFilter = LinearMipmapLinearFilter;
    this.texture.anisotropy = 4;
  }

  /** Texture coordinates of a slot, with a half-texel inset so neighbours never bleed in. */
  uv(slot: number): Uv {
    const col = slot % this.columns;
    const row = Math.floor(slot / this.columns);
    const w = this.canvas.width;
    const h = this.canvas.height;
    const inset = 2;
    const u0 = (col * this.cellWidth + inset) / w;
    const u1 = ((col + 1) * this.cellWidth - inset) / w;
    // Canvas rows go down; texture v goes up (flipY).
    const v1 = 1 - (row * this.cellHeight + inset) / h;
    const v0 = 1 - ((row + 1) * this.cellHeight - inset) / h;
    return [u0, v0, u1, v1];
  }

  private cell(slot: number): [number, number] {
    return [(slot % this.columns) * this.cellWidth, Math.floor(slot / this.columns) * this.cellHeight];
  }

  /** Paints a slot as a calm placeholder: the brand colour with a title, so a booth without pictures looks finished. */
  placeholder(slot: number, background: string, foreground: string, title: string, pattern = false): void {
    const [x, y] = this.cell(slot);
    const { ctx, cellWidth: w, cellHeight: h } = this;
    ctx.save();
    ctx.fillStyle = background;
    ctx.fillRect(x, y, w, h);
    if (pattern) {
      // A few soft diagonal bands, like a printed poster.
      ctx.globalAlpha = 0.14;
      ctx.fillStyle = foreground;
      for (let i = -h; i < w; i += h / 3) {
        ctx.beginPath();
        ctx.moveTo(x + i, y + h);
        ctx.lineTo(x + i + h / 6, y + h);
        ctx.lineTo(x + i + h / 6 + h, y);
        ctx.lineTo(x + i + h, y);
        ctx.closePath();
        ctx.fill();
      }
      ctx.globalAlpha = 1;
    }
    ctx.fillStyle = foreground;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    const size = Math.round(Math.min(h * 0.28, (w * 1.6) / Math.max(4, title.length)));
    ctx.font = `700 ${size}px system-ui, sans-serif`;
    ctx.fillText(title, x + w / 2, y + h / 2, w * 0.9);
    ctx.restore();
    this.dirty = true;
  }

  /** Loads an image into a slot (contained, centred on white). Failures leave the placeholder. */
  load(slot: number, url: string): void {
    this.loader.load(
      url,
      (image) => {
        if (this.disposed) return;
        const [x, y] = this.cell(slot);
        const { ctx, cellWidth: w, cellHeight: h } = this;
        const scale = Math.min(w / image.width, h / image.height);
        const dw = image.width * scale;
        const dh = image.height * scale;
        ctx.fillStyle = '#ffffff';
        ctx.fillRect(x, y, w, h);
        ctx.drawImage(image, x + (w - dw) / 2, y + (h - dh) / 2, dw, dh);
        this.dirty = true;
      },
      undefined,
      () => {
        // The placeholder stays; a missing picture is not worth an error for the visitor.
      },
    );
  }

  /**
   * Loads one sheet of pictures and copies `tiles` (sheet rectangles) into their slots, as `load` would have drawn
   * each picture. If the sheet fails, `fallback` runs (e.g. loading the pictures one by one).
   */
  loadSheet(
    url: string,
    tiles: readonly { slot: number; x: number; y: number; width: number; height: number }[],
    fallback: () => void,
  ): void {
    this.loader.load(
      url,
      (image) => {
        if (this.disposed) return;
        const { ctx, cellWidth: w, cellHeight: h } = this;
        for (const tile of tiles) {
          const [x, y] = this.cell(tile.slot);
          const scale = Math.min(w / tile.width, h / tile.height);
          const dw = tile.width * scale;
          const dh = tile.height * scale;
          // Tiles the server could not fill are transparent: the placeholder shows through.
          ctx.drawImage(image, tile.x, tile.y, tile.width, tile.height, x + (w - dw) / 2, y + (h - dh) / 2, dw, dh);
        }
        this.dirty = true;
      },
      undefined,
      () => {
        if (!this.disposed) fallback();
      },
    );
  }

  /** Uploads pending changes; called from the frame loop so a burst of loads costs one upload. */
  flush(): void {
    if (!this.dirty) return;
    this.dirty = false;
    this.texture.needsUpdate = true;
  }

  dispose(): void {
    this.disposed = true;
    this.texture.dispose();
  }
}

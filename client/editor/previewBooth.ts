/**
 * The booth editor's 3D preview is the hall itself, cut down to one zone with one plot: the draft becomes the
 * BoothSummary the hall would get after publishing, and shared/layout.ts places it, so client/hall/buildHall.ts
 * draws exactly the booth visitors will meet. Pure (no three.js), so the editor page can load it eagerly.
 */
import type { BoothSummary } from '../../shared/api';
import type { BoothDraft, EditorBoothView } from '../../shared/booth-editor';
import type { BoothSize } from '../../shared/domain';
import { type BoothPlot, type HallLayout, layoutHall } from '../../shared/layout';

const PREVIEW_ZONE = 'preview-zone';

/** A hall with one exhibit zone holding one plot of the booth's size, and that plot. */
export function previewLayout(boothId: string, size: BoothSize): { layout: HallLayout; plot: BoothPlot } {
  const layout = layoutHall({
    zones: [{ id: PREVIEW_ZONE, kind: 'exhibit' }],
    booths: [{ id: boothId, zoneId: PREVIEW_ZONE, size, position: 0 }],
  });
  const plot = layout.plots[0];
  if (!plot) throw new Error('the preview layout placed no plot');
  return { layout, plot };
}

/** The draft as the hall will list it once published. */
export function previewSummary(booth: EditorBoothView, draft: BoothDraft): BoothSummary {
  return {
    id: booth.id,
    slug: booth.slug,
    zoneId: PREVIEW_ZONE,
    position: 0,
    size: booth.size,
    template: draft.template,
    brandColor: draft.brandColor,
    name: draft.name,
    tagline: draft.tagline,
    tags: draft.tags,
    logoUrl: draft.logoUrl,
    // The editor knows the organisation's name only; the hall's booth geometry reads none of these.
    organisation: {
      id: booth.organisation.id,
      name: booth.organisation.name,
      country: 'JP',
      city: '',
      kind: 'startup',
      website: null,
    },
  };
}

/** Where the preview's camera starts: in the aisle, a little to the right, the whole booth in view. */
export function previewCamera(plot: BoothPlot): {
  position: [number, number, number];
  target: [number, number, number];
} {
  const tall = plot.size === 'large';
  const target: [number, number, number] = [plot.x, tall ? 1.6 : 1.45, plot.z];
  const distance = plot.depth / 2 + 2.2 + plot.width * (tall ? 0.85 : 0.9);
  // Front is +z for a plot facing the entrance (the only facing a one-plot hall has).
  // From the right for shell booths (the counter stands at the left); from the left for an island, whose totem at
  // the front right corner would hide the header.
  const angle = tall ? -0.42 : 0.3;
  return {
    position: [plot.x + Math.sin(angle) * distance, tall ? 3.1 : 2.4, plot.z + Math.cos(angle) * distance],
    target,
  };
}

/**
 * The booth editor's preview is the hall's own booth: the one-plot hall gives the plot the size the organiser set,
 * and the draft becomes the summary the hall would get, so buildHall draws the same booth in both.
 */
import { describe, expect, it } from 'vitest';
import { previewCamera, previewLayout, previewSummary } from '../../client/editor/previewBooth';
import { BoothSummary } from '../../shared/api';
import type { BoothDraft, EditorBoothView } from '../../shared/booth-editor';
import { BOOTH_FOOTPRINT } from '../../shared/layout';

const draft: BoothDraft = {
  name: { en: 'Tidal Robotics', ja: 'タイダル・ロボティクス' },
  tagline: { en: 'Cleaner hulls' },
  description: { en: '' },
  brandColor: '#2BA84A',
  template: 'open-medium',
  logoUrl: '/uploads/0123456789abcdef0123456789abcdef.png',
  tags: ['robotics'],
  needs: [],
  offers: [],
  content: [],
  staffIds: [],
};
const booth = {
  id: 'b1',
  slug: 'tidal-robotics',
  size: 'medium',
  organisation: { id: 'o1', name: 'Tidal Robotics' },
} as EditorBoothView;

describe('the booth preview', () => {
  it('places one plot of each size with the footprint the hall gives it, facing the aisle', () => {
    for (const size of ['small', 'medium', 'large'] as const) {
      const { layout, plot } = previewLayout('b1', size);
      expect(layout.plots).toHaveLength(1);
      expect([plot.width, plot.depth]).toEqual([BOOTH_FOOTPRINT[size].width, BOOTH_FOOTPRINT[size].depth]);
      expect(plot.facing).toBe('entrance');
      // The camera starts in front of the open side, above eye level, looking at the plot.
      const camera = previewCamera(plot);
      expect(camera.position[2]).toBeGreaterThan(plot.rect.maxZ);
      expect(camera.target).toEqual([plot.x, expect.any(Number), plot.z]);
    }
  });

  it('turns the draft into the summary the hall reads after publishing', () => {
    const summary = BoothSummary.parse(previewSummary(booth, draft));
    expect(summary).toMatchObject({
      id: 'b1',
      size: 'medium',
      template: 'open-medium',
      brandColor: '#2BA84A',
      name: draft.name,
      logoUrl: draft.logoUrl,
    });
  });
});

import { useThree } from '@react-three/fiber';
import { useEffect, useMemo } from 'react';
// troika ships no types; drei depends on it and brings it in.
// @ts-expect-error no declaration file
import { BatchedText, configureTextBuilder, preloadFont, Text } from 'troika-three-text';
import { HALL_FONT_PATH } from '../../shared/hall-page';
import type { SceneLabel } from './buildHall';
import { useHallRuntime } from './HallRuntime';

export const LABEL_COLOR = '#0B1F3A';
const SDF_GLYPH_SIZE = 64;

// Every label uses the hall's one font (HALL_FONT_PATH: Noto Sans JP Bold cut to the characters the scene uses).
// Typeset on the main thread: troika's worker is built with eval, which our Content-Security-Policy forbids.
// A glyph missing from the font would make troika ask a font resolver (this URL, then its CDN): labels go through
// drawableText() so every character is in the subset, and the browser tests block external requests to prove it.
configureTextBuilder({ useWorker: false, defaultFontURL: HALL_FONT_PATH, unicodeFontsURL: '/fonts/no-fallback/' });

interface TroikaText {
  text: string;
  font: string;
  fontSize: number;
  maxWidth: number;
  anchorX: string;
  anchorY: string;
  textAlign: string;
  overflowWrap: 'normal' | 'break-word';
  color: string;
  position: { set(x: number, y: number, z: number): void };
  rotation: { y: number };
  sdfGlyphSize: number;
  visible: boolean;
  outlineWidth: number | string;
  outlineColor: string;
  sync(): void;
  dispose(): void;
}

/** Creates a troika Text with the hall font (never the CDN default). */
export function createHallText(): TroikaText {
  const t = new Text() as TroikaText;
  t.font = HALL_FONT_PATH;
  t.anchorX = 'center';
  t.anchorY = 'middle';
  t.textAlign = 'center';
  // Japanese names have no spaces to wrap at: without this they run past a small booth's fascia.
  t.overflowWrap = 'break-word';
  t.color = LABEL_COLOR;
  t.sdfGlyphSize = SDF_GLYPH_SIZE;
  return t;
}

/**
 * Fetches and parses the hall font now (troika keeps it per URL), so that the labels, mounted after the scene's first
 * frame, only typeset. Parsing it when they mount put it behind that frame, which on a software renderer (shader
 * compiles) holds the main thread for most of a second.
 */
export function loadHallFont(): void {
  performance.mark('hall:font-start');
  preloadFont({ font: HALL_FONT_PATH, characters: ' ', sdfGlyphSize: SDF_GLYPH_SIZE }, () =>
    performance.mark('hall:font-ready'),
  );
}

/** Every sign in the hall (booth names, zone signs, entrance, information) in one batched draw call. */
export function HallLabels({ labels }: { labels: readonly SceneLabel[] }) {
  const runtime = useHallRuntime();
  const invalidate = useThree((s) => s.invalidate);
  const batch = useMemo(() => {
    const batched = new BatchedText();
    batched.font = HALL_FONT_PATH;
    batched.color = LABEL_COLOR;
    for (const l of labels) {
      const t = createHallText();
      t.text = l.text;
      t.fontSize = l.fontSize;
      t.maxWidth = l.maxWidth;
      t.position.set(l.x, l.y, l.z);
      t.rotation.y = l.rotationY;
      batched.add(t);
    }
    return batched;
  }, [labels]);
  useEffect(() => {
    const onSynced = () => {
      performance.mark('hall:signs-ready');
      runtime.status.textReady = true;
      invalidate();
    };
    batch.addEventListener('synccomplete', onSynced);
    batch.sync();
    return () => {
      batch.removeEventListener('synccomplete', onSynced);
      batch.dispose();
    };
  }, [batch, runtime, invalidate]);
  return <primitive object={batch} />;
}

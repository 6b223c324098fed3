/**
 * Stands in for bidi-js (the Unicode bidirectional algorithm, ~12 KB) inside troika-three-text: see vite.config.ts.
 * Every text the hall paints goes through drawableText(), which keeps only characters of the hall font (Latin and
 * Japanese), so it is always left to right: one paragraph at level 0, nothing to reorder or mirror.
 * Self-contained on purpose: troika serialises this factory with toString() when it typesets in a worker.
 */
export default function bidiFactory() {
  return {
    getEmbeddingLevels(text: string) {
      return { levels: new Uint8Array(text.length), paragraphs: [{ start: 0, end: text.length - 1, level: 0 }] };
    },
    getReorderSegments() {
      return [];
    },
    getMirroredCharacter() {
      return null;
    },
  };
}

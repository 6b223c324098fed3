let japaneseFonts: Promise<unknown> | null = null;

/**
 * Loads the Japanese web font only for viewers reading Japanese: its @font-face list alone is ~75 KB of CSS, which
 * English readers should not wait for. (Their system fonts cover the odd Japanese name.)
 */
export function loadFontsFor(language: string): void {
  if (language !== 'ja' || japaneseFonts) return;
  japaneseFonts = Promise.all([
    import('@fontsource/noto-sans-jp/400.css'),
    import('@fontsource/noto-sans-jp/700.css'),
  ]).catch((error: unknown) => {
    japaneseFonts = null;
    console.warn('Japanese font failed to load; using system fonts', error);
  });
}

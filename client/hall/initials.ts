/**
 * A booth's initials: painted on a logo or poster that has no picture (yet), and shown on the 2D map where a plot is
 * too small for the name. No three.js here, so the 2D view can use it.
 */
export function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0]?.toUpperCase() ?? '')
    .join('');
}

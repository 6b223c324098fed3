/**
 * What the hall page and the server's page shell (server/http/route-preloads.ts) agree on, in a module that imports
 * nothing (the hall route's early code must not pull in three.js to learn it):
 * - where the hall's sign font is served (client/public/fonts, cut by scripts/build-hall-font.ts): the 3D labels read
 *   it, the hall route and the page shell preload it;
 * - the cookie that carries the view a visitor chose, so the shell names only the map's chunks for those who chose it.
 */
export const HALL_FONT_PATH = '/fonts/hall-text.woff';
export const HALL_VIEW_COOKIE = 'hall_view';

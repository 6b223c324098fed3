/**
 * Where the hall's sign font is served (client/public/fonts, cut by scripts/build-hall-font.ts). The 3D labels read
 * it, the hall route and the server's page shell preload it: one path for all three, in a module that imports
 * nothing (the hall route's early code must not pull in three.js to learn it).
 */
export const HALL_FONT_PATH = '/fonts/hall-text.woff';

/**
 * Preload hints for a page opened directly (a shared booth link, a link in a mail, the hall): the HTML names the
 * chunks that page's route will import, so they download beside the entry script instead of after it has arrived and
 * run, which on a slow link costs a round trip plus the entry's own download time. Read from Vite's build manifest
 * (`build.manifest`); without a build (development) there are none.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'cookie';
import { z } from 'zod';
import { HALL_FONT_PATH, HALL_VIEW_COOKIE } from '../../shared/hall-page';

/**
 * The client's lazily loaded routes (client/app/App.tsx) and the modules they load, by source path under `client/`
 * (the manifest's keys). A route missing here still works: its chunk comes after the entry, as without hints.
 */
const ROUTES: { path: RegExp; modules: string[] }[] = [
  { path: /^\/booths\/[^/]+$/, modules: ['app/booth/BoothPage.tsx'] },
  { path: /^\/booths\/[^/]+\/meet$/, modules: ['meetings/BookMeetingPage.tsx'] },
  { path: /^\/login$/, modules: ['app/login/LoginPage.tsx'] },
  { path: /^\/meetings$/, modules: ['meetings/MyMeetingsPage.tsx'] },
  { path: /^\/meetings\/availability$/, modules: ['meetings/AvailabilityPage.tsx'] },
  { path: /^\/meetings\/[^/]+\/call$/, modules: ['call/CallPage.tsx'] },
  { path: /^\/account\/register$/, modules: ['account/RegisterPage.tsx'] },
  { path: /^\/account\/reset$/, modules: ['account/ResetPasswordPage.tsx'] },
  { path: /^\/account\/profile$/, modules: ['account/ProfilePage.tsx'] },
  { path: /^\/invite$/, modules: ['account/InvitePage.tsx'] },
  { path: /^\/editor$/, modules: ['editor/EditorListPage.tsx'] },
  { path: /^\/editor\/[^/]+$/, modules: ['editor/BoothEditorPage.tsx'] },
  { path: /^\/organiser$/, modules: ['organiser/OrganiserPage.tsx'] },
];
const HALL_ROUTE = 'hall/HallRoute.tsx';
const HALL_3D = 'hall/Hall3D.tsx';

const Manifest = z.record(
  z.string(),
  z.object({ file: z.string(), imports: z.array(z.string()).optional(), css: z.array(z.string()).optional() }),
);
type Manifest = z.infer<typeof Manifest>;

export interface RoutePreloads {
  /** `<link>` tags for the page at `pathname` (empty when it has none). */
  linksFor(pathname: string, query: URLSearchParams, cookieHeader: string | undefined): string;
  /** Every module the table names, for the test that checks each one is in the build. */
  readonly modules: readonly string[];
}

/** Reads `<clientDir>/.vite/manifest.json`; null without one. */
export function loadRoutePreloads(clientDir: string): RoutePreloads | null {
  let manifest: Manifest;
  try {
    manifest = Manifest.parse(JSON.parse(readFileSync(path.join(clientDir, '.vite', 'manifest.json'), 'utf8')));
  } catch {
    return null;
  }
  // The entry's own chunks are in the HTML already (its script and stylesheet).
  const inEntry = new Set<string>();
  collect(manifest, 'index.html', inEntry, { scripts: [], styles: [] });

  const linksOf = (modules: readonly string[], extra: string[]): string => {
    const found = { scripts: [] as string[], styles: [] as string[] };
    const seen = new Set(inEntry);
    for (const m of modules) collect(manifest, m, seen, found);
    return [
      ...found.styles.map((f) => `<link rel="preload" as="style" crossorigin href="/${f}">`),
      ...found.scripts.map((f) => `<link rel="modulepreload" crossorigin href="/${f}">`),
      ...extra,
    ].join('');
  };
  const routes = ROUTES.map((r) => ({ path: r.path, links: linksOf(r.modules, []) }));
  const hall2d = linksOf([HALL_ROUTE], []);
  const hall3d = linksOf(
    [HALL_ROUTE, HALL_3D],
    [`<link rel="preload" as="fetch" crossorigin href="${HALL_FONT_PATH}">`],
  );

  return {
    modules: [...ROUTES.flatMap((r) => r.modules), HALL_ROUTE, HALL_3D],
    linksFor(pathname, query, cookieHeader) {
      if (pathname === '/hall') {
        // The client shows the 3D hall unless asked for the map, by the address or an earlier choice; a device it
        // finds too weak gets the map, but then these are in its cache for the next visit.
        const asked = query.get('view') ?? parse(cookieHeader ?? '')[HALL_VIEW_COOKIE];
        return asked === '2d' ? hall2d : hall3d;
      }
      return routes.find((r) => r.path.test(pathname))?.links ?? '';
    },
  };
}

/**
 * The API reads every page starts with (the layout loads the expo, its booths and the session; a booth's pages their
 * booth), as preloads, so they are on their way while the scripts download rather than after the entry has run.
 * bench:first-view, p50: at 400 ms round trips the landing page's booths show in 1.34 s instead of 1.79; the
 * booking page's first slot in 1.12 s instead of 1.60 at 200 ms and 1.84 instead of 2.32 at 400 ms (with its meeting
 * times preloaded too). The booth page's name did not show sooner. Fetched as the client's `fetch` does them (same
 * origin, cookies sent), the browser hands each response to that fetch.
 */
export function dataPreloadsFor(booth: { slug: string; id: string | null } | null): string {
  const urls = ['/api/expo', '/api/booths', '/api/auth/session'];
  if (booth) urls.push(`/api/booths/${booth.slug}`);
  // Its meeting times (the booth page's next free slot, the booking page's list) are asked for by the booth's id,
  // which the page learns only from the booth's record: preloaded, they are not a round trip after it.
  if (booth?.id) urls.push(`/api/meetings/booths/${encodeURIComponent(booth.id)}/slots`);
  return urls.map((u) => `<link rel="preload" as="fetch" crossorigin href="${u}">`).join('');
}

/** The booth a booth page or booking page is of (a slug as the editor makes them), or null. */
export function boothSlugOf(pathname: string): string | null {
  return /^\/booths\/([a-z0-9-]{1,80})(?:\/meet)?$/.exec(pathname)?.[1] ?? null;
}

/** Adds `module`'s chunk and its static imports (depth first, imports before importers) not in `seen`. */
function collect(
  manifest: Manifest,
  module: string,
  seen: Set<string>,
  found: { scripts: string[]; styles: string[] },
): void {
  const chunk = manifest[module];
  if (!chunk || seen.has(chunk.file)) return;
  seen.add(chunk.file);
  for (const dep of chunk.imports ?? []) collect(manifest, dep, seen, found);
  found.scripts.push(chunk.file);
  for (const css of chunk.css ?? []) {
    if (!seen.has(css)) {
      seen.add(css);
      found.styles.push(css);
    }
  }
}

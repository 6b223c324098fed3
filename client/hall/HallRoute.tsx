import './hall.css';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { preload } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { HALL_FONT_PATH } from '../../shared/hall-page';
import { layoutHall } from '../../shared/layout';
import { logoSheetUrl } from '../../shared/logoSheet';
import { ErrorState } from '../app/ErrorState';
import { LoadingScreen } from '../app/LoadingScreen';
import { Loaded } from '../app/loadable';
import { useDocumentTitle } from '../app/useDocumentTitle';
import { useExpoStore } from '../state/expo';
import { chooseView, type GraphicsSupport, storeView } from './chooseView';
import { HallDirectory } from './HallDirectory';
import { createHallRuntime, HallRuntimeContext } from './HallRuntime';
import { boothPanelChunk, mapChunk, sceneChunk } from './hallChunks';
import { type HallView, useHallStore } from './hallStore';
import { useHallText } from './hallText';

/**
 * Sizes the hall to the space left under the site header, whatever the header's height on this screen, so the
 * canvas, minimap and joystick are all in view without scrolling.
 */
function useFitToViewport(): (element: HTMLElement | null) => void {
  return useCallback((element: HTMLElement | null) => {
    if (!element) return;
    const measure = () => {
      const top = element.getBoundingClientRect().top + window.scrollY;
      element.style.setProperty('--hall-top', `${Math.max(0, Math.round(top))}px`);
    };
    measure();
    window.addEventListener('resize', measure);
    return () => window.removeEventListener('resize', measure);
  }, []);
}

/** The /hall route: the expo as a walkable 3D hall, or as an accessible 2D map, with the same booth panel. */
export default function HallRoute({ support }: { support: GraphicsSupport }) {
  const { t } = useTranslation();
  const { text } = useHallText();
  const [params] = useSearchParams();
  const testMode = params.get('test') === '1';
  const expo = useExpoStore((s) => s.expo);
  const booths = useExpoStore((s) => s.booths);
  const status = useExpoStore((s) => s.status);
  const error = useExpoStore((s) => s.error);
  const view = useHallStore((s) => s.view);
  const autoReason = useHallStore((s) => s.autoReason);
  const directoryOpen = useHallStore((s) => s.directoryOpen);
  const openBoothId = useHallStore((s) => s.openBoothId);
  const boothInReach = useHallStore((s) => s.nearBoothId !== null || s.openBoothId !== null);
  const [decided, setDecided] = useState(false);
  useDocumentTitle(text('title'));

  useEffect(() => {
    void useExpoStore.getState().load();
    const choice = chooseView(window.location.search, support);
    useHallStore.getState().setView(choice.view, choice.reason);
    setDecided(true);
  }, [support]);

  useEffect(() => {
    if (boothInReach) boothPanelChunk.load().catch(() => undefined); // a failure shows when the panel renders
  }, [boothInReach]);

  const layout = useMemo(
    () =>
      expo
        ? layoutHall({
            zones: expo.zones.map((z) => ({ id: z.id, kind: z.kind })),
            booths: booths.map((b) => ({ id: b.id, zoneId: b.zoneId, size: b.size, position: b.position })),
          })
        : null,
    [expo, booths],
  );
  const runtime = useMemo(() => (layout ? createHallRuntime(layout) : null), [layout]);
  const fitToViewport = useFitToViewport();

  // While three.js downloads, fetch the sign font. (Preloading the logos too was slower under a 200 ms RTT: they
  // took connections from the three.js chunk.)
  if (view === '3d' && decided) preload(HALL_FONT_PATH, { as: 'fetch', crossOrigin: 'anonymous' });
  // The logo sheet is one request (shared/logoSheet.ts), so it can come beside the 3D chunk instead of after it
  // (crossOrigin as three's ImageLoader asks, so the scene reuses this response).
  const logoSheet = view === '3d' && decided && booths.length > 0 ? logoSheetUrl(booths) : null;
  if (logoSheet) preload(logoSheet, { as: 'image', crossOrigin: 'anonymous' });

  if (status === 'error' && error) {
    return (
      <main id="main" className="hall hall--message">
        <ErrorState error={error} onRetry={() => void useExpoStore.getState().load({ force: true })} />
      </main>
    );
  }
  if (!expo || !runtime || !decided) return <LoadingScreen label={t('loading.expo')} />;

  const switchView = (next: HallView) => {
    storeView(next);
    useHallStore.getState().setView(next);
  };

  return (
    <HallRuntimeContext value={runtime}>
      <main id="main" className="hall" data-view={view} tabIndex={-1} ref={fitToViewport}>
        <h1 className="visually-hidden">{text('title')}</h1>
        <div className="hall__toolbar" role="toolbar" aria-label={text('viewLabel')}>
          <div className="segmented">
            <button
              type="button"
              className="segmented__option"
              aria-pressed={view === '3d'}
              disabled={!support.webgl}
              onClick={() => switchView('3d')}
            >
              {text('view3d')}
            </button>
            <button
              type="button"
              className="segmented__option"
              aria-pressed={view === '2d'}
              onClick={() => switchView('2d')}
            >
              {text('view2d')}
            </button>
          </div>
          <button
            type="button"
            className="button button--small hall__find"
            aria-expanded={directoryOpen}
            aria-controls="hall-directory"
            onClick={() => useHallStore.getState().setDirectoryOpen(!directoryOpen)}
          >
            {text('directory')}
          </button>
          {view === '3d' && <p className="hall__help">{text('helpShort')}</p>}
        </div>
        {autoReason && view === '2d' && (
          <p className="hall__notice" role="status">
            {autoReason === 'no-webgl' ? text('noWebgl') : text('weakDevice')}
            {autoReason === 'weak-device' && (
              <button type="button" className="button button--small button--ghost" onClick={() => switchView('3d')}>
                {text('tryThreeD')}
              </button>
            )}
          </p>
        )}
        <div className="hall__body">
          <HallDirectory booths={booths} zones={expo.zones} />
          <div className="hall__stage">
            {/* Each view's chunk loads when that view is chosen (startHallDownloads has usually started it already),
                through Loaded rather than React.lazy (see loadable.tsx). */}
            {view === '3d' ? (
              <Loaded chunk={sceneChunk} fallback={<div className="hall__loading">{text('loadingHall')}</div>}>
                {({ default: Hall3D }) => (
                  <Hall3D
                    booths={booths}
                    zones={expo.zones}
                    testMode={testMode}
                    onFail={() => useHallStore.getState().setView('2d', 'no-webgl')}
                  />
                )}
              </Loaded>
            ) : (
              <Loaded chunk={mapChunk} fallback={<div className="hall__loading">{t('loading.page')}</div>}>
                {({ Hall2D }) => <Hall2D booths={booths} zones={expo.zones} />}
              </Loaded>
            )}
          </div>
          {openBoothId && (
            <Loaded
              chunk={boothPanelChunk}
              fallback={
                <aside className="booth-panel">
                  <p aria-busy="true">{t('loading.booth')}</p>
                </aside>
              }
            >
              {({ BoothPanel }) => <BoothPanel booths={booths} zones={expo.zones} />}
            </Loaded>
          )}
        </div>
      </main>
    </HallRuntimeContext>
  );
}

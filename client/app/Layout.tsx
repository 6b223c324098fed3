import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, ScrollRestoration } from 'react-router';
import { loadFontsFor } from '../i18n/fonts';
import { MeetingReminders } from '../meetings/MeetingReminders';
import { TalkNowPrompts } from '../meetings/TalkNowPrompts';
import { startRealtime } from '../net/socket';
import { useConnectionStore } from '../state/connection';
import { useExpoStore } from '../state/expo';
import { useSessionStore } from '../state/session';
import { useUiStore } from '../state/ui';
import { ConnectionBanner } from './ConnectionBanner';
import { LoadingScreen } from './LoadingScreen';
import { SiteHeader } from './SiteHeader';

/** The frame every page shares: skip link, header, connection notices, the page, a footer. */
export function Layout() {
  const { t, i18n } = useTranslation();
  const language = useUiStore((s) => s.language);
  const connection = useConnectionStore((s) => s.status);

  useEffect(() => {
    document.documentElement.lang = language;
    loadFontsFor(language);
    if (i18n.language !== language) void i18n.changeLanguage(language);
  }, [language, i18n]);

  useEffect(() => {
    void useExpoStore.getState().load();
    void useSessionStore.getState().refresh();
    return startRealtime();
  }, []);

  return (
    // The connection status is on the frame for styling and for tests that wait for the live link.
    <div className="app" data-connection={connection}>
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <SiteHeader />
      <ConnectionBanner />
      <MeetingReminders />
      <TalkNowPrompts />
      <Outlet />
      <SiteFooter />
      <ScrollRestoration />
    </div>
  );
}

/**
 * What a page opened directly shows while its route's chunk is on its way (React Router's HydrateFallback): the
 * header and footer, a loading state where the page goes. Without it the tab stayed blank until the chunk had
 * arrived. The realtime link and the session start with the Layout; the expo is asked for here already, for the
 * header's name (the HTML preloaded it).
 */
export function LayoutPlaceholder() {
  const { t } = useTranslation();
  useEffect(() => {
    void useExpoStore.getState().load();
  }, []);
  return (
    <div className="app">
      <SiteHeader />
      <LoadingScreen label={t('loading.page')} />
      <SiteFooter />
    </div>
  );
}

function SiteFooter() {
  const { t } = useTranslation();
  return (
    <footer className="site-footer">
      <p>{t('app.footer')}</p>
    </footer>
  );
}

import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import { pickText } from '../../../shared/i18n';
import { useExpoStore } from '../../state/expo';
import { ErrorState } from '../ErrorState';
import { LoadingScreen } from '../LoadingScreen';
import { useDocumentTitle } from '../useDocumentTitle';
import { BoothDirectory } from './BoothDirectory';
import { ExpoHero } from './ExpoHero';
import { ExpoStats } from './ExpoStats';
import { ZoneCards } from './ZoneCards';

/** The first impression: what the expo is, when, how big, its zones and every booth. */
export function LandingPage() {
  const { t, i18n } = useTranslation();
  const expo = useExpoStore((s) => s.expo);
  const booths = useExpoStore((s) => s.booths);
  const status = useExpoStore((s) => s.status);
  const progress = useExpoStore((s) => s.progress);
  const error = useExpoStore((s) => s.error);
  useDocumentTitle(expo ? pickText(expo.name, i18n.language) : null);
  useScrollToHash(status === 'ready');

  if (status === 'error' && error) {
    return (
      <main id="main" tabIndex={-1} className="page page--narrow">
        <ErrorState error={error} onRetry={() => void useExpoStore.getState().load({ force: true })} />
      </main>
    );
  }
  if (!expo) return <LoadingScreen label={t('loading.expo')} progress={progress} />;

  return (
    <main id="main" tabIndex={-1} className="landing">
      <ExpoHero expo={expo} />
      <ExpoStats stats={expo.stats} />
      <ZoneCards zones={expo.zones} booths={booths} />
      <BoothDirectory zones={expo.zones} booths={booths} />
    </main>
  );
}

/** Scrolls to the element named by the URL hash once the page has content (the router does not do it). */
function useScrollToHash(ready: boolean) {
  const { hash, key } = useLocation();
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` changes on every navigation, even to the same hash.
  useEffect(() => {
    if (!ready || !hash) return;
    const target = document.getElementById(decodeURIComponent(hash.slice(1)));
    if (!target) return;
    const reduce = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
    target.scrollIntoView({ behavior: reduce ? 'auto' : 'smooth', block: 'start' });
  }, [ready, hash, key]);
}

import { useTranslation } from 'react-i18next';
import { useConnectionStore } from '../state/connection';

/** Tells the visitor, politely, when the live connection needs a reload or is coming back. */
export function ConnectionBanner() {
  const { t } = useTranslation();
  const status = useConnectionStore((s) => s.status);
  const restarting = useConnectionStore((s) => s.serverRestarting);

  if (status === 'outdated') {
    return (
      <div className="banner banner--attention" role="alert">
        <p>{t('connection.outdated')}</p>
        <button type="button" className="button button--small" onClick={() => window.location.reload()}>
          {t('connection.reload')}
        </button>
      </div>
    );
  }
  if (status === 'reconnecting') {
    return (
      <div className="banner banner--quiet" role="status">
        <span className="banner__pulse" aria-hidden="true" />
        <p>{restarting ? t('connection.restarting') : t('connection.reconnecting')}</p>
      </div>
    );
  }
  return null;
}

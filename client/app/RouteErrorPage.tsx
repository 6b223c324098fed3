import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useRouteError } from 'react-router';

/** Last resort when a page throws while rendering: say so in words and offer a reload. */
export function RouteErrorPage() {
  const { t } = useTranslation();
  const error = useRouteError();
  useEffect(() => {
    console.error('Page failed to render', error);
  }, [error]);
  return (
    <main id="main" tabIndex={-1} className="page page--narrow">
      <div className="error-state" role="alert">
        <h1 className="error-state__title">{t('errors.title')}</h1>
        <p>{t('errors.INTERNAL')}</p>
        <button type="button" className="button" onClick={() => window.location.reload()}>
          {t('errors.retry')}
        </button>
      </div>
    </main>
  );
}

import { useTranslation } from 'react-i18next';
import type { ApiError } from '../net/ApiError';

interface ErrorStateProps {
  error: ApiError;
  onRetry?: () => void;
  /** A more specific sentence than the one for the error's code, e.g. for NOT_FOUND on a booth. */
  message?: string;
}

/** An error in words with a way forward; never a raw message or stack. */
export function ErrorState({ error, onRetry, message }: ErrorStateProps) {
  const { t } = useTranslation();
  return (
    <div className="error-state" role="alert">
      <h2 className="error-state__title">{t('errors.title')}</h2>
      <p>{message ?? t(`errors.${error.code}`)}</p>
      {onRetry && (
        <button type="button" className="button" onClick={onRetry}>
          {t('errors.retry')}
        </button>
      )}
    </div>
  );
}

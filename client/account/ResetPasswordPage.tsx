import { type FormEvent, useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { useDocumentTitle } from '../app/useDocumentTitle';
import { renewRealtimeIdentity } from '../net/socket';
import { useSessionStore } from '../state/session';
import { completeReset, requestReset, tokenFromHash } from './account-api';
import { Field, FormStatus } from './Field';
import { messageOf } from './http';
import { useTexts } from './texts';

/** Asks for a reset link, or (opened from the link, #token=…) sets the new password. */
export function ResetPasswordPage() {
  const t = useTexts();
  const location = useLocation();
  const navigate = useNavigate();
  const token = tokenFromHash(location.hash);
  const [error, setError] = useState<string | null>(null);
  const [success, setSuccess] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useDocumentTitle(t('reset.title'));

  async function run(action: () => Promise<void>) {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (err) {
      setError(messageOf(err, t('common.error')));
    } finally {
      setBusy(false);
    }
  }

  function onRequest(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const email = String(new FormData(event.currentTarget).get('email') ?? '').trim();
    void run(async () => {
      await requestReset(email);
      setSuccess(t('reset.sent'));
    });
  }

  function onComplete(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const password = String(new FormData(event.currentTarget).get('password') ?? '');
    void run(async () => {
      await completeReset({ token: token!, password });
      await useSessionStore.getState().refresh();
      renewRealtimeIdentity();
      setSuccess(t('reset.done'));
      navigate('/account/reset', { replace: true });
    });
  }

  return (
    <main id="main" tabIndex={-1} className="page page--narrow">
      <div className="card">
        <h1>{token ? t('reset.choose') : t('reset.title')}</h1>
        <FormStatus error={error} success={success} />
        {token ? (
          <form noValidate onSubmit={onComplete}>
            <Field
              label={t('common.newPassword')}
              name="password"
              type="password"
              autoComplete="new-password"
              minLength={10}
              required
            />
            <button type="submit" className="button button--primary button--block" disabled={busy}>
              {t('reset.submit')}
            </button>
          </form>
        ) : (
          <form noValidate onSubmit={onRequest}>
            <p className="muted">{t('reset.intro')}</p>
            <Field label={t('common.email')} name="email" type="email" autoComplete="username" required />
            <button type="submit" className="button button--primary button--block" disabled={busy}>
              {t('reset.send')}
            </button>
          </form>
        )}
      </div>
    </main>
  );
}

import { type FormEvent, useEffect, useState } from 'react';
import { Link, useLocation } from 'react-router';
import type { InvitationPreview } from '../../shared/organiser';
import { useDocumentTitle } from '../app/useDocumentTitle';
import { renewRealtimeIdentity } from '../net/socket';
import { useSessionStore } from '../state/session';
import { acceptInvitation, previewInvitation, tokenFromHash } from './account-api';
import { Field, FormStatus } from './Field';
import { messageOf } from './http';
import { useTexts } from './texts';

/** Accepting an exhibitor invitation (#token=… from the mail): creates the exhibitor account. */
export function InvitePage() {
  const t = useTexts();
  const location = useLocation();
  const [token] = useState(() => tokenFromHash(location.hash));
  const [preview, setPreview] = useState<InvitationPreview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);
  useDocumentTitle(t('invite.title'));

  useEffect(() => {
    if (!token) return;
    previewInvitation(token)
      .then(setPreview)
      .catch((err) => setError(messageOf(err, t('common.error'))));
  }, [token, t]);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const d = new FormData(event.currentTarget);
    setBusy(true);
    setError(null);
    try {
      await acceptInvitation({
        token: token!,
        displayName: String(d.get('displayName') ?? '').trim(),
        password: String(d.get('password') ?? ''),
      });
      await useSessionStore.getState().refresh();
      renewRealtimeIdentity();
      // The token is spent: drop it from the address bar and history.
      window.history.replaceState(null, '', '/invite');
      setDone(true);
    } catch (err) {
      setError(messageOf(err, t('common.error')));
    } finally {
      setBusy(false);
    }
  }

  return (
    <main id="main" tabIndex={-1} className="page page--narrow">
      <div className="card">
        <h1>{t('invite.title')}</h1>
        <FormStatus error={error} success={done ? t('invite.done') : null} />
        {!token && <p>{t('invite.missing')}</p>}
        {done ? (
          <Link className="button button--primary" to="/editor">
            {t('invite.toEditor')}
          </Link>
        ) : (
          preview && (
            <form noValidate onSubmit={(e) => void onSubmit(e)}>
              <p>{t('invite.intro', { ...preview })}</p>
              <Field label={t('common.name')} name="displayName" required />
              <Field
                label={t('common.newPassword')}
                name="password"
                type="password"
                autoComplete="new-password"
                minLength={10}
                required
              />
              <button type="submit" className="button button--primary button--block" disabled={busy}>
                {t('invite.accept')}
              </button>
            </form>
          )
        )}
      </div>
    </main>
  );
}

import { type FormEvent, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { RegisterBody } from '../../shared/accounts';
import { useDocumentTitle } from '../app/useDocumentTitle';
import { guessCountry } from '../chat/countries';
import { renewRealtimeIdentity } from '../net/socket';
import { useSessionStore } from '../state/session';
import { register } from './account-api';
import { CountrySelect } from './CountrySelect';
import { Field, FormStatus } from './Field';
import { messageOf } from './http';
import { useTexts } from './texts';

/** Registering with email and password; a guest keeps everything (same account). */
export function RegisterPage() {
  const t = useTexts();
  const navigate = useNavigate();
  const account = useSessionStore((s) => s.account);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useDocumentTitle(t('register.title'));
  const isGuest = account !== null && account.email === null;

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const parsed = RegisterBody.safeParse({
      email: String(data.get('email') ?? '').trim(),
      password: String(data.get('password') ?? ''),
      displayName: String(data.get('displayName') ?? '').trim(),
      country: String(data.get('country') ?? '') || undefined,
      timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    });
    if (!parsed.success) {
      setError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await register(parsed.data);
      await useSessionStore.getState().refresh();
      renewRealtimeIdentity();
      navigate('/account/profile', { replace: true, state: { notice: t('register.done') } });
    } catch (err) {
      setError(messageOf(err, t('common.error')));
    } finally {
      setBusy(false);
    }
  }

  return (
    <main id="main" tabIndex={-1} className="page page--narrow">
      <div className="card">
        <h1>{t('register.title')}</h1>
        {account && !isGuest ? (
          <p>{t('register.already')}</p>
        ) : (
          <>
            <p className="muted">{isGuest ? t('register.guestKept') : t('register.intro')}</p>
            <form noValidate onSubmit={(e) => void onSubmit(e)}>
              <FormStatus error={error} />
              <Field label={t('common.name')} name="displayName" defaultValue={account?.displayName ?? ''} required />
              <Field label={t('common.email')} name="email" type="email" autoComplete="username" required />
              <Field
                label={t('common.newPassword')}
                name="password"
                type="password"
                autoComplete="new-password"
                minLength={10}
                required
              />
              <CountrySelect
                // A select does not follow a new default: start afresh once the session (a guest's country) arrives.
                key={account?.id ?? 'anonymous'}
                label={t('common.countryPick')}
                noneLabel={t('common.countryNone')}
                name="country"
                defaultValue={account?.country ?? guessCountry()}
              />
              <button type="submit" className="button button--primary button--block" disabled={busy}>
                {busy ? t('common.saving') : t('register.submit')}
              </button>
            </form>
            <p>
              <Link to="/account/reset">{t('register.forgot')}</Link>
            </p>
          </>
        )}
      </div>
    </main>
  );
}

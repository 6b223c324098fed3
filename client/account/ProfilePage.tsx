import { type FormEvent, useEffect, useState } from 'react';
import { Link, useLocation } from 'react-router';
import type { ProfileUpdateBody, ProfileView } from '../../shared/accounts';
import { useDocumentTitle } from '../app/useDocumentTitle';
import { useSessionStore } from '../state/session';
import { fetchProfile, saveProfile } from './account-api';
import { CountrySelect } from './CountrySelect';
import { Field, FormStatus, TextArea } from './Field';
import { messageOf } from './http';
import { useTexts } from './texts';

const list = (value: FormDataEntryValue | null) =>
  String(value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/** The signed-in person's profile: everything they choose to say about themselves. */
export function ProfilePage() {
  const t = useTexts();
  const location = useLocation();
  const account = useSessionStore((s) => s.account);
  const [profile, setProfile] = useState<ProfileView | null>(null);
  const [timeZone, setTimeZone] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [success, setSuccess] = useState<string | null>((location.state as { notice?: string } | null)?.notice ?? null);
  const [busy, setBusy] = useState(false);
  useDocumentTitle(t('profile.title'));

  useEffect(() => {
    if (!account) return;
    fetchProfile()
      .then((p) => {
        setProfile(p);
        setTimeZone(p.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone);
      })
      .catch((err) => setError(messageOf(err, t('common.error'))));
  }, [account, t]);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const d = new FormData(event.currentTarget);
    const body: ProfileUpdateBody = {
      displayName: String(d.get('displayName') ?? '').trim(),
      company: String(d.get('company') ?? ''),
      jobTitle: String(d.get('jobTitle') ?? ''),
      country: String(d.get('country') ?? '') || null,
      timeZone: timeZone || null,
      languages: list(d.get('languages')),
      interests: list(d.get('interests')),
      needTags: list(d.get('needTags')),
      offerTags: list(d.get('offerTags')),
      needsText: String(d.get('needsText') ?? ''),
      offersText: String(d.get('offersText') ?? ''),
      shareContact: d.get('shareContact') === 'on',
      avatarColor: String(d.get('avatarColor') ?? '#1FA39A'),
    };
    setBusy(true);
    setError(null);
    setSuccess(null);
    try {
      setProfile(await saveProfile(body));
      await useSessionStore.getState().refresh();
      setSuccess(t('common.saved'));
    } catch (err) {
      setError(messageOf(err, t('common.error')));
    } finally {
      setBusy(false);
    }
  }

  if (!account) {
    return (
      <main id="main" tabIndex={-1} className="page page--narrow">
        <p>
          {t('common.needLogin')} <Link to="/login">{t('common.login')}</Link>
        </p>
      </main>
    );
  }

  return (
    <main id="main" tabIndex={-1} className="page page--narrow">
      <div className="card">
        <h1>{t('profile.title')}</h1>
        {profile?.guest && (
          <p className="muted">
            {t('profile.guestHint')} <Link to="/account/register">{t('profile.register')}</Link>
          </p>
        )}
        <FormStatus error={error} success={success} />
        {!profile ? (
          <p>{t('common.loading')}</p>
        ) : (
          <form noValidate onSubmit={(e) => void onSubmit(e)} data-testid="profile-form">
            <Field label={t('common.name')} name="displayName" defaultValue={profile.displayName} required />
            <Field label={t('profile.company')} name="company" defaultValue={profile.company} />
            <Field label={t('profile.jobTitle')} name="jobTitle" defaultValue={profile.jobTitle} />
            <CountrySelect
              label={t('common.countryPick')}
              noneLabel={t('common.countryNone')}
              name="country"
              defaultValue={profile.country ?? ''}
            />
            <Field
              label={t('common.timeZone')}
              name="timeZone"
              value={timeZone}
              onChange={(e) => setTimeZone(e.target.value)}
            />
            <button
              type="button"
              className="button"
              onClick={() => setTimeZone(Intl.DateTimeFormat().resolvedOptions().timeZone)}
            >
              {t('profile.detect')}
            </button>
            <Field label={t('profile.languages')} name="languages" defaultValue={profile.languages.join(', ')} />
            <Field label={t('profile.interests')} name="interests" defaultValue={profile.interests.join(', ')} />
            <Field label={t('profile.needTags')} name="needTags" defaultValue={profile.needTags.join(', ')} />
            <TextArea label={t('profile.needsText')} name="needsText" defaultValue={profile.needsText} />
            <Field label={t('profile.offerTags')} name="offerTags" defaultValue={profile.offerTags.join(', ')} />
            <TextArea label={t('profile.offersText')} name="offersText" defaultValue={profile.offersText} />
            <Field
              label={t('profile.avatarColor')}
              name="avatarColor"
              type="color"
              defaultValue={profile.avatarColor}
            />
            <div className="field field--check">
              <input id="share-contact" type="checkbox" name="shareContact" defaultChecked={profile.shareContact} />
              <label htmlFor="share-contact">{t('profile.shareContact')}</label>
            </div>
            <button type="submit" className="button button--primary button--block" disabled={busy}>
              {busy ? t('common.saving') : t('common.save')}
            </button>
          </form>
        )}
      </div>
    </main>
  );
}

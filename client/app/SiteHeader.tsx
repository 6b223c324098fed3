import { useTranslation } from 'react-i18next';
import { Link, NavLink } from 'react-router';
import { pickText } from '../../shared/i18n';
import { useExpoStore } from '../state/expo';
import { useSessionStore } from '../state/session';
import { HarbourMark } from './HarbourMark';
import { LanguagePicker } from './LanguagePicker';

/** Expo name, main navigation, language and sign-in state. */
export function SiteHeader() {
  const { t, i18n } = useTranslation();
  const expo = useExpoStore((s) => s.expo);
  const name = expo ? pickText(expo.name, i18n.language) : 'Minato Hall';

  return (
    <header className="site-header">
      <div className="site-header__inner">
        <Link to="/" className="brand" aria-label={t('app.homeLink', { name })}>
          <HarbourMark />
          <span className="brand__name">{name}</span>
        </Link>
        <nav className="site-nav" aria-label={t('nav.label')}>
          <ul>
            <li>
              <NavLink to="/" end>
                {t('nav.home')}
              </NavLink>
            </li>
            <li>
              <NavLink to="/hall">{t('nav.hall')}</NavLink>
            </li>
            <li>
              <Link to={{ pathname: '/', hash: '#directory' }}>{t('nav.directory')}</Link>
            </li>
          </ul>
        </nav>
        <div className="site-header__tools">
          <LanguagePicker />
          <AccountControls />
        </div>
      </div>
    </header>
  );
}

function AccountControls() {
  const { t } = useTranslation();
  const account = useSessionStore((s) => s.account);
  const logout = useSessionStore((s) => s.logout);

  if (!account) {
    return (
      <Link to="/login" className="button button--quiet button--small">
        {t('nav.login')}
      </Link>
    );
  }
  return (
    <div className="account">
      {account.role === 'organiser' && (
        <Link to="/organiser" className="button button--quiet button--small">
          {t('nav.organiser')}
        </Link>
      )}
      {account.role === 'exhibitor' && (
        <Link to="/editor" className="button button--quiet button--small">
          {t('nav.editor')}
        </Link>
      )}
      <Link to="/meetings" className="button button--quiet button--small">
        {t('nav.myMeetings')}
      </Link>
      <Link to="/account/profile" className="account__name" title={t('nav.profile')}>
        <span aria-hidden="true">{account.displayName}</span>
        <span className="visually-hidden">
          {t('nav.signedInAs', { name: account.displayName })} — {t('nav.profile')}
        </span>
      </Link>
      <button
        type="button"
        className="button button--quiet button--small"
        onClick={() => {
          logout().catch((error: unknown) => console.error('Logout failed', error));
        }}
      >
        {t('nav.logout')}
      </button>
    </div>
  );
}

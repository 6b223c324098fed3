import { type FormEvent, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router';
import { LoginBody } from '../../../shared/api';
import { useSessionStore } from '../../state/session';
import { useDocumentTitle } from '../useDocumentTitle';

type FieldErrors = { email?: string; password?: string };

/** Email and password sign-in for exhibitors and organisers; every refusal is explained in words. */
export function LoginPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const account = useSessionStore((s) => s.account);
  const login = useSessionStore((s) => s.login);
  const logout = useSessionStore((s) => s.logout);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const emailRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const ids = { email: useId(), password: useId(), emailError: useId(), passwordError: useId(), form: useId() };
  useDocumentTitle(t('login.title'));

  const from = (location.state as { from?: string } | null)?.from ?? '/';

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const body = { email: String(data.get('email') ?? '').trim(), password: String(data.get('password') ?? '') };
    const parsed = LoginBody.safeParse(body);
    if (!parsed.success) {
      const errors: FieldErrors = {};
      for (const issue of parsed.error.issues) {
        if (issue.path[0] === 'email') errors.email = t('login.emailInvalid');
        if (issue.path[0] === 'password') errors.password = t('login.passwordMissing');
      }
      setFieldErrors(errors);
      setFormError(null);
      (errors.email ? emailRef : passwordRef).current?.focus();
      return;
    }
    setFieldErrors({});
    setFormError(null);
    setSubmitting(true);
    const result = await login(parsed.data);
    setSubmitting(false);
    if (result.ok) {
      navigate(from, { replace: true });
      return;
    }
    switch (result.reason) {
      case 'wrong-credentials':
        setFormError(t('login.wrongCredentials'));
        break;
      case 'rate-limited':
        setFormError(t('errors.RATE_LIMITED'));
        break;
      case 'invalid':
        setFormError(t('errors.INVALID_PAYLOAD'));
        break;
      case 'error':
        setFormError(t(`errors.${result.error.code}`));
        break;
    }
    passwordRef.current?.select();
  }

  return (
    <main id="main" tabIndex={-1} className="page page--narrow login-page">
      <div className="card login-card">
        <h1>{t('login.title')}</h1>
        {account ? (
          <>
            <p data-testid="signed-in">{t('login.alreadySignedIn', { name: account.displayName })}</p>
            <button type="button" className="button" onClick={() => void logout()}>
              {t('nav.logout')}
            </button>
          </>
        ) : (
          <>
            <p className="muted">{t('login.intro')}</p>
            <form noValidate onSubmit={(e) => void onSubmit(e)} aria-describedby={formError ? ids.form : undefined}>
              <div className="form-alert-slot" aria-live="assertive">
                {formError && (
                  <p id={ids.form} className="form-alert" role="alert">
                    {formError}
                  </p>
                )}
              </div>
              <div className="field">
                <label htmlFor={ids.email}>{t('login.email')}</label>
                <input
                  ref={emailRef}
                  id={ids.email}
                  name="email"
                  type="email"
                  autoComplete="username"
                  inputMode="email"
                  required
                  aria-invalid={fieldErrors.email ? true : undefined}
                  aria-describedby={fieldErrors.email ? ids.emailError : undefined}
                />
                {fieldErrors.email && (
                  <p id={ids.emailError} className="field__error">
                    {fieldErrors.email}
                  </p>
                )}
              </div>
              <div className="field">
                <label htmlFor={ids.password}>{t('login.password')}</label>
                <input
                  ref={passwordRef}
                  id={ids.password}
                  name="password"
                  type="password"
                  autoComplete="current-password"
                  required
                  aria-invalid={fieldErrors.password ? true : undefined}
                  aria-describedby={fieldErrors.password ? ids.passwordError : undefined}
                />
                {fieldErrors.password && (
                  <p id={ids.passwordError} className="field__error">
                    {fieldErrors.password}
                  </p>
                )}
              </div>
              <button type="submit" className="button button--primary button--block" disabled={submitting}>
                {submitting ? t('login.submitting') : t('login.submit')}
              </button>
            </form>
            <p className="login-links">
              <Link to="/account/register">{t('login.register')}</Link>
              <span aria-hidden="true"> · </span>
              <Link to="/account/reset">{t('login.forgot')}</Link>
            </p>
          </>
        )}
      </div>
    </main>
  );
}

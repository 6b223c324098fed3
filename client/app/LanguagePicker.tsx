import { useTranslation } from 'react-i18next';
import { UI_LANGUAGES } from '../../shared/i18n';
import { useUiStore } from '../state/ui';

/** Two toggle buttons, each labelled in its own language so a visitor finds theirs whatever is showing. */
export function LanguagePicker() {
  const { t } = useTranslation();
  const language = useUiStore((s) => s.language);
  const setLanguage = useUiStore((s) => s.setLanguage);
  return (
    <fieldset className="language-picker">
      <legend className="visually-hidden">{t('language.label')}</legend>
      {UI_LANGUAGES.map((lang) => (
        <button
          key={lang}
          type="button"
          lang={lang}
          aria-pressed={language === lang}
          className="language-picker__option"
          onClick={() => setLanguage(lang)}
        >
          {t(`language.${lang}`)}
        </button>
      ))}
    </fieldset>
  );
}

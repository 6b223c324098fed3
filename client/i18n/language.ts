import { UI_LANGUAGES, type UiLanguage } from '../../shared/i18n';

const STORAGE_KEY = 'minato-hall.language';

function isUiLanguage(value: unknown): value is UiLanguage {
  return typeof value === 'string' && (UI_LANGUAGES as readonly string[]).includes(value);
}

/** The language a viewer chose before, else the first of their browser languages we translate, else English. */
export function initialLanguage(): UiLanguage {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (isUiLanguage(stored)) return stored;
  } catch {
    // Storage can be blocked (private mode, strict settings); the browser languages still work.
  }
  const preferred = typeof navigator === 'undefined' ? [] : (navigator.languages ?? [navigator.language]);
  for (const tag of preferred) {
    const base = tag.toLowerCase().split('-')[0];
    if (isUiLanguage(base)) return base;
  }
  return 'en';
}

/** Remembers the viewer's choice for their next visit. */
export function storeLanguage(language: UiLanguage): void {
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Not persisting is acceptable: the choice still holds for this visit.
  }
}

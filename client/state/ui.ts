import { create } from 'zustand';
import type { UiLanguage } from '../../shared/i18n';
import { initialLanguage, storeLanguage } from '../i18n/language';

interface UiState {
  language: UiLanguage;
  setLanguage(language: UiLanguage): void;
}

/**
 * Interface preferences. The language is applied to i18next and `<html lang>` by the app shell (see
 * app/useLanguageEffect), so this store stays free of side effects on the page.
 */
export const useUiStore = create<UiState>()((set) => ({
  language: initialLanguage(),
  setLanguage(language) {
    storeLanguage(language);
    set({ language });
  },
}));

import type { i18n as I18n } from 'i18next';

const regionNames = new Map<string, Intl.DisplayNames>();
const languageNames = new Map<string, Intl.DisplayNames>();

function displayNames(cache: Map<string, Intl.DisplayNames>, locale: string, type: 'region' | 'language') {
  let names = cache.get(locale);
  if (!names) {
    names = new Intl.DisplayNames([locale, 'en'], { type, fallback: 'code' });
    cache.set(locale, names);
  }
  return names;
}

/** A country's name in the viewer's language, e.g. "DE" → "Germany" / "ドイツ". */
export function countryName(code: string, language: string): string {
  return displayNames(regionNames, language, 'region').of(code) ?? code;
}

/** A language's name in the viewer's language, e.g. "ja" → "Japanese" / "日本語". */
export function languageName(code: string, language: string): string {
  try {
    return displayNames(languageNames, language, 'language').of(code) ?? code;
  } catch {
    return code;
  }
}

/** A booth tag for display: translated when we know it, else the tag with spaces for hyphens. */
export function tagLabel(i18n: I18n, tag: string): string {
  const key = `tags.${tag}`;
  return i18n.exists(key) ? String(i18n.t(key as 'tags.green')) : tag.replace(/-/g, ' ');
}

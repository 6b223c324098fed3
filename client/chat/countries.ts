import { COUNTRY_CODES, isCountryCode } from '../../shared/countries';

/** Countries sorted by their name in `language`. */
export function countryOptions(language: string): { code: string; name: string }[] {
  const names = new Intl.DisplayNames([language], { type: 'region' });
  return COUNTRY_CODES.map((code) => ({ code, name: names.of(code) ?? code })).sort((a, b) =>
    a.name.localeCompare(b.name, language),
  );
}

/** A first guess at the viewer's country from their browser's language tags (en-GB → GB). */
export function guessCountry(): string {
  for (const tag of navigator.languages ?? []) {
    const region = tag.split('-')[1];
    if (region && isCountryCode(region)) return region;
  }
  return 'JP';
}

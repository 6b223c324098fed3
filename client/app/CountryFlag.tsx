import { countryName } from '../i18n/names';

/**
 * A country's flag as a small image served by us (/flags, from the flag-icons package). Flag emoji are not an
 * option: Windows shows them as two letters and Chromium on Linux without an emoji font as empty boxes.
 *
 * Beside the country's name the flag is decoration (empty alt); alone (`named`) it carries the name for screen
 * readers and as a tooltip.
 */
export function CountryFlag({ code, language, named = false }: { code: string; language: string; named?: boolean }) {
  if (!/^[A-Z]{2}$/.test(code)) return null;
  const name = named ? countryName(code, language) : '';
  return (
    <img
      className="flag"
      src={`/flags/${code.toLowerCase()}.svg`}
      alt={name}
      title={name || undefined}
      width={20}
      height={15}
      loading="lazy"
      decoding="async"
    />
  );
}

import { useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { countryOptions } from '../chat/countries';

/**
 * The country picker the guest entry uses (ISO 3166 codes, names in the viewer's language), as an uncontrolled
 * form field: registering or editing a profile cannot produce a code the server would refuse.
 */
export function CountrySelect({
  label,
  noneLabel,
  name,
  defaultValue,
}: {
  label: string;
  /** The empty choice: a country is optional for an account. */
  noneLabel: string;
  name: string;
  defaultValue: string;
}) {
  const { i18n } = useTranslation();
  const language = i18n.language || 'en';
  const options = useMemo(() => {
    const all = countryOptions(language);
    // A code saved before (e.g. by the organiser's console) stays selectable, so saving a profile never drops it.
    return defaultValue && !all.some((o) => o.code === defaultValue)
      ? [{ code: defaultValue, name: defaultValue }, ...all]
      : all;
  }, [language, defaultValue]);
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} name={name} defaultValue={defaultValue} autoComplete="country">
        <option value="">{noneLabel}</option>
        {options.map((o) => (
          <option key={o.code} value={o.code}>
            {o.name}
          </option>
        ))}
      </select>
    </div>
  );
}

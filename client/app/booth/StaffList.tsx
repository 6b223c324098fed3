import { useTranslation } from 'react-i18next';
import type { StaffView } from '../../../shared/api';
import { languageName } from '../../i18n/names';

/** A booth's team: initial, name, job title and the languages each speaks (booth page and hall panel). */
export function StaffList({ staff }: { staff: readonly StaffView[] }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  return (
    <ul className="staff-list">
      {staff.map((person) => (
        <li key={person.id} className="staff">
          <span className="staff__avatar" aria-hidden="true">
            {[...person.displayName][0]}
          </span>
          <div>
            <p className="staff__name">{person.displayName}</p>
            <p className="staff__title">{person.jobTitle}</p>
            {person.languages.length > 0 && (
              <p className="staff__languages">
                {t('booth.speaks', {
                  languages: new Intl.ListFormat(lang, { type: 'conjunction' }).format(
                    person.languages.map((l) => languageName(l, lang)),
                  ),
                })}
              </p>
            )}
          </div>
        </li>
      ))}
    </ul>
  );
}

import { useTranslation } from 'react-i18next';
import type { ExpoView } from '../../../shared/api';

/** Three headline numbers: booths, organisations, countries. */
export function ExpoStats({ stats }: { stats: ExpoView['stats'] }) {
  const { t, i18n } = useTranslation();
  const number = new Intl.NumberFormat(i18n.language);
  const items = [
    { key: 'booths', value: stats.booths, label: t('landing.stats.booths', { count: stats.booths }) },
    {
      key: 'organisations',
      value: stats.organisations,
      label: t('landing.stats.organisations', { count: stats.organisations }),
    },
    { key: 'countries', value: stats.countries, label: t('landing.stats.countries', { count: stats.countries }) },
  ];
  return (
    <section className="stats" aria-label={t('landing.stats.label')}>
      <dl className="stats__list">
        {items.map((item) => (
          <div key={item.key} className="stats__item" data-testid={`stat-${item.key}`}>
            <dt className="stats__label">{item.label}</dt>
            <dd className="stats__value">{number.format(item.value)}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

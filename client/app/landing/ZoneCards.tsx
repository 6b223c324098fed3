import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { BoothSummary, ZoneView } from '../../../shared/api';
import { pickText } from '../../../shared/i18n';

/** The hall's zones, each in its colour, linking to the directory filtered to it. */
export function ZoneCards({ zones, booths }: { zones: ZoneView[]; booths: BoothSummary[] }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const counts = new Map<string, number>();
  for (const booth of booths) counts.set(booth.zoneId, (counts.get(booth.zoneId) ?? 0) + 1);
  const sorted = [...zones].sort((a, b) => a.sort - b.sort);

  return (
    <section className="section" aria-labelledby="zones-title">
      <div className="section__head">
        <h2 id="zones-title">{t('landing.zones.title')}</h2>
        <p className="section__intro">{t('landing.zones.intro')}</p>
      </div>
      <ul className="zone-grid">
        {sorted.map((zone) => {
          const name = pickText(zone.name, lang);
          const count = counts.get(zone.id) ?? 0;
          return (
            <li key={zone.id} className="zone-card" style={{ '--zone-color': zone.color } as React.CSSProperties}>
              <p className="zone-card__kind">{t(`landing.zones.kind.${zone.kind}`)}</p>
              <h3 className="zone-card__name">
                {zone.kind === 'exhibit' ? (
                  <Link
                    to={{ search: `?zone=${encodeURIComponent(zone.slug)}`, hash: '#directory' }}
                    className="stretched-link"
                    title={t('landing.zones.showBooths', { zone: name })}
                  >
                    {name}
                  </Link>
                ) : (
                  name
                )}
              </h3>
              <p className="zone-card__description">{pickText(zone.description, lang)}</p>
              {zone.kind === 'exhibit' && <p className="zone-card__count">{t('landing.zones.booths', { count })}</p>}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { BoothSummary, ZoneView } from '../../../shared/api';
import { pickText } from '../../../shared/i18n';
import { countryName } from '../../i18n/names';
import { BoothLogo } from '../booth/BoothLogo';
import { CountryFlag } from '../CountryFlag';
import { TagList } from '../TagList';

/** One booth in the directory: brand colour, logo, name, tagline, where it is from, its tags. */
export function BoothCard({ booth, zone }: { booth: BoothSummary; zone: ZoneView | null }) {
  const { i18n } = useTranslation();
  const lang = i18n.language;
  const name = pickText(booth.name, lang);
  const { country, city } = booth.organisation;
  return (
    <article className="booth-card" style={{ '--brand': booth.brandColor } as React.CSSProperties}>
      <div className="booth-card__top">
        <BoothLogo url={booth.logoUrl} name={name} color={booth.brandColor} size={56} />
        {zone && (
          <span className="zone-chip" style={{ '--zone-color': zone.color } as React.CSSProperties}>
            {pickText(zone.name, lang)}
          </span>
        )}
      </div>
      <h3 className="booth-card__name">
        <Link to={`/booths/${booth.slug}`} className="stretched-link">
          {name}
        </Link>
      </h3>
      <p className="booth-card__tagline">{pickText(booth.tagline, lang)}</p>
      <p className="booth-card__origin">
        <CountryFlag code={country} language={lang} /> {countryName(country, lang)}
        {city && <span className="booth-card__city"> · {city}</span>}
      </p>
      <TagList tags={booth.tags} limit={4} />
    </article>
  );
}

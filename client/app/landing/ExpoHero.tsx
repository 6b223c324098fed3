import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ExpoView } from '../../../shared/api';
import { pickText } from '../../../shared/i18n';
import { formatSchedule, formattingLocale } from '../../i18n/formatSchedule';

/** Name, tagline, dates in the visitor's own time and the way in. */
export function ExpoHero({ expo }: { expo: ExpoView }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const schedule = formatSchedule({
    startsAt: expo.startsAt,
    endsAt: expo.endsAt,
    expoTimeZone: expo.timeZone,
    locale: formattingLocale(lang),
  });
  return (
    <section className="hero" aria-labelledby="hero-title">
      <div className="hero__inner">
        <p className="hero__venue">{pickText(expo.venue, lang)}</p>
        <h1 id="hero-title" className="hero__title">
          {pickText(expo.name, lang)}
        </h1>
        <p className="hero__tagline">{pickText(expo.tagline, lang)}</p>
        <div className="hero__when">
          <p className="hero__dates" data-testid="expo-dates">
            <time dateTime={expo.startsAt}>{schedule.dates}</time>{' '}
            <span className="hero__zone">{t('landing.datesYourTime', { zone: schedule.viewerTimeZone })}</span>
          </p>
          <p className="hero__hours">
            {t('landing.dailyHours', { hours: schedule.expoHours, zone: schedule.expoZoneName })}
            {schedule.viewerHours && (
              <>
                {' · '}
                {t('landing.dailyHoursLocal', { hours: schedule.viewerHours })}
              </>
            )}
          </p>
        </div>
        <div className="hero__actions">
          <Link to="/hall" className="button button--primary button--large">
            {t('landing.enterHall')}
            <span aria-hidden="true" className="button__arrow">
              →
            </span>
          </Link>
          <Link to={{ hash: '#directory' }} className="button button--ghost button--large">
            {t('landing.browseBooths')}
          </Link>
        </div>
      </div>
      <HarbourSkyline />
    </section>
  );
}

/** Decorative harbour at dusk: a setting sun, cranes, a bridge and the water. Pure SVG, nothing to download. */
function HarbourSkyline() {
  return (
    <svg className="hero__skyline" viewBox="0 0 1440 360" preserveAspectRatio="xMaxYMax slice" aria-hidden="true">
      <defs>
        <radialGradient id="hero-sun" cx="0.5" cy="0.5" r="0.5">
          <stop offset="0" stopColor="#FF8A6B" stopOpacity="0.7" />
          <stop offset="0.4" stopColor="#FF6B5A" stopOpacity="0.28" />
          <stop offset="1" stopColor="#FF6B5A" stopOpacity="0" />
        </radialGradient>
        <linearGradient id="hero-water" x1="0" y1="0" x2="0" y2="1">
          <stop offset="0" stopColor="#0F2848" />
          <stop offset="1" stopColor="#0B1F3A" />
        </linearGradient>
      </defs>
      <circle cx="1160" cy="200" r="200" fill="url(#hero-sun)" />
      <circle cx="1160" cy="200" r="58" fill="#FF8A6B" opacity="0.6" />
      <g fill="#0E2747">
        {/* Two container cranes, booms out over the water */}
        <path d="M1000 200V96h6v104zM1034 200V96h6v104zM1000 140h40v5h-40zM930 88h170v7H930zM1017 88l3-40h2l3 40zM934 95h14v9h-14z" />
        <path d="M1060 200v-84h5v84zM1090 200v-84h5v84zM1060 150h35v4h-35zM1006 110h140v6H1006zM1075 110l2-32h2l2 32z" />
        {/* Stacked containers on the quay */}
        <path d="M880 200v-14h40v14zM924 200v-14h40v14zM900 186v-12h40v12zM1110 200v-12h36v12zM1150 200v-12h36v12z" />
      </g>
      <g stroke="#0E2747" strokeWidth="1.5" fill="none">
        <path d="M1021 48L932 88M1021 48L1098 88M1078 78L1008 110M1078 78L1144 110" />
      </g>
      {/* Bridge */}
      <g stroke="#1D4070" fill="none">
        <path d="M1250 200V92M1380 200V92" strokeWidth="7" />
        <path d="M1196 176q54-4 54-84q65 92 130 0q0 80 60 84" strokeWidth="2" />
        <path d="M1196 176H1440" strokeWidth="5" />
      </g>
      {/* Water */}
      <path d="M0 200h1440v160H0z" fill="url(#hero-water)" />
      <g stroke="#FF8A6B" strokeLinecap="round" opacity="0.4">
        <path d="M1100 214h120M1120 230h80M1136 246h48M1150 262h20" strokeWidth="3" />
      </g>
      <g stroke="#1D4070" strokeLinecap="round" opacity="0.6">
        <path d="M200 236h90M420 252h60M640 226h110M820 262h70" strokeWidth="2" />
      </g>
      <path
        d="M0 338c60 0 60-8 120-8s60 8 120 8 60-8 120-8 60 8 120 8 60-8 120-8 60 8 120 8 60-8 120-8 60 8 120 8 60-8 120-8 60 8 120 8 60-8 120-8 60 8 120 8v22H0z"
        fill="var(--color-sand-50)"
      />
    </svg>
  );
}

import { useDeferredValue, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BoothSummary, ZoneView } from '../../shared/api';
import { pickText } from '../../shared/i18n';
import { CountryFlag } from '../app/CountryFlag';
import { filterBooths } from '../app/landing/filterBooths';
import { countryName } from '../i18n/names';
import { goToBooth } from './goToBooth';
import { useHallRuntime } from './HallRuntime';
import { useHallStore } from './hallStore';
import { useHallText } from './hallText';

/** The booth finder beside the hall: search by name, tag, country or zone, filter green, and go there. */
export function HallDirectory({ booths, zones }: { booths: readonly BoothSummary[]; zones: readonly ZoneView[] }) {
  const { t, i18n } = useTranslation();
  const { text } = useHallText();
  const runtime = useHallRuntime();
  const open = useHallStore((s) => s.directoryOpen);
  const [query, setQuery] = useState('');
  const [zoneId, setZoneId] = useState<string | null>(null);
  const [greenOnly, setGreenOnly] = useState(false);
  const deferred = useDeferredValue(query);
  const lang = i18n.language;
  const ids = { search: useId(), zone: useId(), green: useId(), count: useId() };
  const results = useMemo(
    () =>
      filterBooths(booths, { query: deferred, zoneId, greenOnly }, (code) => [
        countryName(code, 'en'),
        countryName(code, 'ja'),
        countryName(code, lang),
      ]),
    [booths, deferred, zoneId, greenOnly, lang],
  );
  const zoneNames = useMemo(() => new Map(zones.map((z) => [z.id, pickText(z.name, lang)])), [zones, lang]);

  return (
    <section id="hall-directory" className="hall-directory" hidden={!open} aria-labelledby={`${ids.search}-title`}>
      <div className="hall-directory__head">
        <h2 id={`${ids.search}-title`}>{t('directory.title')}</h2>
        <button
          type="button"
          className="icon-button"
          aria-label={text('closeDirectory')}
          onClick={() => useHallStore.getState().setDirectoryOpen(false)}
        >
          ×
        </button>
      </div>
      <div className="hall-directory__filters">
        <label htmlFor={ids.search}>{t('directory.search')}</label>
        <input
          id={ids.search}
          type="search"
          value={query}
          placeholder={t('directory.searchPlaceholder')}
          onChange={(e) => setQuery(e.target.value)}
          aria-describedby={ids.count}
        />
        <label htmlFor={ids.zone}>{t('directory.zone')}</label>
        <select id={ids.zone} value={zoneId ?? ''} onChange={(e) => setZoneId(e.target.value || null)}>
          <option value="">{t('directory.allZones')}</option>
          {zones
            .filter((z) => z.kind === 'exhibit')
            .map((z) => (
              <option key={z.id} value={z.id}>
                {pickText(z.name, lang)}
              </option>
            ))}
        </select>
        <label className="checkbox" htmlFor={ids.green}>
          <input id={ids.green} type="checkbox" checked={greenOnly} onChange={(e) => setGreenOnly(e.target.checked)} />
          {t('directory.greenOnly')}
        </label>
      </div>
      <p id={ids.count} className="hall-directory__count" aria-live="polite">
        {results.length === 0 ? t('directory.empty') : t('directory.count', { count: results.length })}
      </p>
      <ul className="hall-directory__list">
        {results.map((booth) => (
          <li key={booth.id}>
            <button
              type="button"
              className="hall-directory__item"
              data-booth-slug={booth.slug}
              onClick={() => goToBooth(runtime, booth.id)}
            >
              <span className="hall-directory__swatch" style={{ background: booth.brandColor }} aria-hidden="true" />
              <span className="hall-directory__text">
                <span className="hall-directory__name">{pickText(booth.name, lang)}</span>
                <span className="hall-directory__meta">
                  <CountryFlag code={booth.organisation.country} language={lang} />{' '}
                  {countryName(booth.organisation.country, lang)} · {zoneNames.get(booth.zoneId)}
                </span>
              </span>
              <span className="visually-hidden"> — {text('goToBooth')}</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

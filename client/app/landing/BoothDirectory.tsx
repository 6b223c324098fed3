import { useCallback, useDeferredValue, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { BoothSummary, ZoneView } from '../../../shared/api';
import { pickText } from '../../../shared/i18n';
import { countryName } from '../../i18n/names';
import { LeafIcon } from '../LeafIcon';
import { BoothCard } from './BoothCard';
import { filterBooths } from './filterBooths';

/**
 * Every published booth, searchable by text and filterable by zone and the green tag. The filter lives in the
 * URL (?q=&zone=&green=1) so a filtered list can be shared and survives the back button.
 */
export function BoothDirectory({ zones, booths }: { zones: ZoneView[]; booths: BoothSummary[] }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [filter, updateFilter, clearFilter] = useFilterParams();
  const query = filter.get('q') ?? '';
  const zoneSlug = filter.get('zone') ?? '';
  const greenOnly = filter.get('green') === '1';
  const deferredQuery = useDeferredValue(query);
  const ids = { search: useId(), zone: useId(), green: useId(), count: useId() };

  const exhibitZones = useMemo(
    () => [...zones].filter((z) => z.kind === 'exhibit').sort((a, b) => a.sort - b.sort),
    [zones],
  );
  const zoneById = useMemo(() => new Map(zones.map((z) => [z.id, z])), [zones]);
  const zoneId = zones.find((z) => z.slug === zoneSlug)?.id ?? null;
  // Same order as the zone cards above, then each zone's floor plan order.
  const ordered = useMemo(() => {
    const zoneSort = new Map(zones.map((z) => [z.id, z.sort]));
    return [...booths].sort(
      (a, b) => (zoneSort.get(a.zoneId) ?? 0) - (zoneSort.get(b.zoneId) ?? 0) || a.position - b.position,
    );
  }, [booths, zones]);

  const visible = useMemo(
    () =>
      filterBooths(ordered, { query: deferredQuery, zoneId, greenOnly }, (code) => [
        countryName(code, lang),
        countryName(code, 'en'),
      ]),
    [ordered, deferredQuery, zoneId, greenOnly, lang],
  );

  const update = updateFilter;
  const filtered = query !== '' || zoneSlug !== '' || greenOnly;

  return (
    <section id="directory" className="section directory" aria-labelledby="directory-title">
      <div className="section__head">
        <h2 id="directory-title">{t('directory.title')}</h2>
        <p className="section__intro">{t('directory.intro')}</p>
      </div>
      <search className="filters">
        <div className="field filters__search">
          <label htmlFor={ids.search}>{t('directory.search')}</label>
          <input
            id={ids.search}
            type="search"
            value={query}
            placeholder={t('directory.searchPlaceholder')}
            autoComplete="off"
            aria-controls="directory-results"
            onChange={(e) => update('q', e.target.value)}
          />
        </div>
        <div className="field filters__zone">
          <label htmlFor={ids.zone}>{t('directory.zone')}</label>
          <select
            id={ids.zone}
            value={zoneId ? zoneSlug : ''}
            aria-controls="directory-results"
            onChange={(e) => update('zone', e.target.value || null)}
          >
            <option value="">{t('directory.allZones')}</option>
            {exhibitZones.map((zone) => (
              <option key={zone.id} value={zone.slug}>
                {pickText(zone.name, lang)}
              </option>
            ))}
          </select>
        </div>
        <div className="toggle filters__green">
          <input
            id={ids.green}
            type="checkbox"
            checked={greenOnly}
            aria-controls="directory-results"
            onChange={(e) => update('green', e.target.checked ? '1' : null)}
          />
          <label htmlFor={ids.green}>
            <LeafIcon />
            {t('directory.greenOnly')}
          </label>
        </div>
      </search>
      <div className="directory__status">
        <p id={ids.count} className="directory__count" aria-live="polite" data-testid="directory-count">
          {t('directory.count', { count: visible.length })}
        </p>
        {filtered && (
          <button type="button" className="button button--quiet button--small" onClick={clearFilter}>
            {t('directory.clear')}
          </button>
        )}
      </div>
      {visible.length === 0 ? (
        <p className="directory__empty">{t('directory.empty')}</p>
      ) : (
        <ul id="directory-results" className="booth-grid" aria-describedby={ids.count}>
          {visible.map((booth) => (
            <li key={booth.id}>
              <BoothCard booth={booth} zone={zoneById.get(booth.zoneId) ?? null} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/**
 * The directory filter, kept in the URL. The fields read a local copy that changes at once: the router writes the
 * URL a moment later, and a checkbox or text field bound to the URL itself would flick back in between (and two
 * quick changes would build on stale params). Navigations by someone else (back button, a zone card) are adopted.
 */
function useFilterParams(): [URLSearchParams, (name: string, value: string | null) => void, () => void] {
  const [params, setParams] = useSearchParams();
  const [local, setLocal] = useState(params);
  const written = useRef<string[]>([]);
  const seen = useRef(params.toString());
  const now = params.toString();
  if (now !== seen.current) {
    seen.current = now;
    const ours = written.current.indexOf(now);
    if (ours >= 0) written.current.splice(0, ours + 1);
    else {
      written.current = [];
      setLocal(params);
    }
  }
  const write = useCallback(
    (next: URLSearchParams) => {
      written.current.push(next.toString());
      setLocal(next);
      setParams(next, { replace: true, preventScrollReset: true });
    },
    [setParams],
  );
  const update = (name: string, value: string | null) => {
    const next = new URLSearchParams(local);
    if (value) next.set(name, value);
    else next.delete(name);
    write(next);
  };
  return [local, update, () => write(new URLSearchParams())];
}

import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BoothSummary, ZoneView } from '../../shared/api';
import { GREEN_TAG } from '../../shared/domain';
import { pickText } from '../../shared/i18n';
import type { BoothPlot } from '../../shared/layout';
import { CountryFlag } from '../app/CountryFlag';
import { countryName } from '../i18n/names';
import { useHallRuntime } from './HallRuntime';
import { useHallStore } from './hallStore';
import { useHallText } from './hallText';
import { initials } from './initials';
import { sceneLabel } from './sceneLabels';

type Direction = 'left' | 'right' | 'up' | 'down';
const KEYS: Record<string, Direction> = { ArrowLeft: 'left', ArrowRight: 'right', ArrowUp: 'up', ArrowDown: 'down' };

/** The nearest plot from `from` in a screen direction (up is towards the back of the hall), or null. */
function neighbour(plots: readonly BoothPlot[], from: BoothPlot, dir: Direction): BoothPlot | null {
  let best: BoothPlot | null = null;
  let bestScore = Number.POSITIVE_INFINITY;
  for (const p of plots) {
    if (p === from) continue;
    const dx = p.x - from.x;
    const dz = p.z - from.z;
    const along = dir === 'right' ? dx : dir === 'left' ? -dx : dir === 'down' ? dz : -dz;
    const across = dir === 'left' || dir === 'right' ? Math.abs(dz) : Math.abs(dx);
    if (along <= 0.5) continue;
    const score = along + across * 2;
    if (score < bestScore) {
      bestScore = score;
      best = p;
    }
  }
  return best;
}

/**
 * The hall as an accessible 2D page: a map (arrow keys move between booths, Enter opens one) and a list of every
 * booth by zone. Same booth panel as the 3D hall.
 */
export function Hall2D({ booths, zones }: { booths: readonly BoothSummary[]; zones: readonly ZoneView[] }) {
  const { i18n } = useTranslation();
  const { text } = useHallText();
  const lang = i18n.language;
  const { layout } = useHallRuntime();
  const openId = useHallStore((s) => s.openBoothId);
  const boothsById = useMemo(() => new Map(booths.map((b) => [b.id, b])), [booths]);
  const zonesById = useMemo(() => new Map(zones.map((z) => [z.id, z])), [zones]);
  const [focusId, setFocusId] = useState<string | null>(layout.plots[0]?.boothId ?? null);
  const buttons = useRef(new Map<string, HTMLButtonElement>());
  const { bounds } = layout;
  const W = bounds.maxX - bounds.minX;
  const D = bounds.maxZ - bounds.minZ;
  /** Where hall point (x, z) is on the map, as CSS offsets. */
  const at = (x: number, z: number): React.CSSProperties => ({
    left: `${((x - bounds.minX) / W) * 100}%`,
    top: `${((z - bounds.minZ) / D) * 100}%`,
  });
  const box = (r: { minX: number; maxX: number; minZ: number; maxZ: number }): React.CSSProperties => ({
    ...at(r.minX, r.minZ),
    width: `${((r.maxX - r.minX) / W) * 100}%`,
    height: `${((r.maxZ - r.minZ) / D) * 100}%`,
  });
  const rovingId = focusId ?? layout.plots[0]?.boothId ?? null;

  const onKeyDown = (e: React.KeyboardEvent, plot: BoothPlot) => {
    const dir = KEYS[e.key];
    if (!dir) return;
    e.preventDefault();
    const next = neighbour(layout.plots, plot, dir);
    if (next) {
      setFocusId(next.boothId);
      buttons.current.get(next.boothId)?.focus();
    }
  };

  const byZone = zones
    .filter((z) => z.kind === 'exhibit')
    .map((zone) => ({
      zone,
      booths: layout.plots
        .filter((p) => p.zoneId === zone.id)
        .map((p) => boothsById.get(p.boothId)!)
        .filter(Boolean),
    }));
  const unplaced = layout.unplaced.map((id) => boothsById.get(id)).filter((b): b is BoothSummary => Boolean(b));

  return (
    <div className="hall2d">
      <section className="hall2d__map-section" aria-labelledby="hall2d-map-title">
        <h2 id="hall2d-map-title" className="hall2d__title">
          {text('map')}
        </h2>
        <p className="hall2d__hint">{text('mapHint')}</p>
        <div className="hall2d__map" style={{ aspectRatio: `${W} / ${D}` }}>
          {layout.zones.map((area) => {
            const zone = zonesById.get(area.zoneId);
            return (
              <div
                key={area.zoneId}
                className={`hall2d__zone hall2d__zone--${area.kind}`}
                style={{ ...box(area.rect), '--zone-color': zone?.color } as React.CSSProperties}
              >
                <span className="hall2d__zone-name" title={zone ? pickText(zone.name, lang) : undefined}>
                  {zone ? pickText(zone.name, lang) : ''}
                </span>
              </div>
            );
          })}
          <div className="hall2d__desk" style={box(layout.infoDesk.rect)} aria-hidden="true" />
          <div
            className="hall2d__entrance"
            // Centred on the doorway (x = 0) at the hall's front edge, as wide as its word needs.
            style={at(0, 0)}
          >
            {sceneLabel('entrance', lang)}
          </div>
          {layout.plots.map((plot) => {
            const booth = boothsById.get(plot.boothId);
            if (!booth) return null;
            const name = pickText(booth.name, lang);
            return (
              <button
                key={plot.boothId}
                type="button"
                ref={(el) => {
                  if (el) buttons.current.set(plot.boothId, el);
                  else buttons.current.delete(plot.boothId);
                }}
                className="hall2d__booth"
                style={{ ...box(plot.rect), '--brand': booth.brandColor } as React.CSSProperties}
                tabIndex={plot.boothId === rovingId ? 0 : -1}
                aria-pressed={openId === plot.boothId}
                aria-label={`${name}, ${pickText(zonesById.get(plot.zoneId)?.name, lang)}`}
                // Small plots cut their names short on the map: the full name on hover.
                title={name}
                data-booth-slug={booth.slug}
                onFocus={() => setFocusId(plot.boothId)}
                onKeyDown={(e) => onKeyDown(e, plot)}
                onClick={() => useHallStore.getState().openBooth(plot.boothId)}
              >
                {/* The map shows the name where it fits, the initials where the plot is small (CSS container query). */}
                <span className="hall2d__booth-name" aria-hidden="true">
                  {name}
                </span>
                <span className="hall2d__booth-initials" aria-hidden="true">
                  {initials(name)}
                </span>
              </button>
            );
          })}
        </div>
      </section>
      <section className="hall2d__list-section" aria-labelledby="hall2d-list-title">
        <h2 id="hall2d-list-title" className="hall2d__title">
          {text('boothList')}
        </h2>
        {byZone.map(({ zone, booths: list }) => (
          <section key={zone.id} aria-labelledby={`hall2d-zone-${zone.id}`} className="hall2d__group">
            <h3 id={`hall2d-zone-${zone.id}`}>
              <span className="hall2d__chip" style={{ background: zone.color }} aria-hidden="true" />
              {pickText(zone.name, lang)}{' '}
              <span className="hall2d__count">({text('boothCount', { count: list.length })})</span>
            </h3>
            <BoothList booths={list} lang={lang} openId={openId} />
          </section>
        ))}
        {unplaced.length > 0 && <BoothList booths={unplaced} lang={lang} openId={openId} />}
      </section>
    </div>
  );
}

function BoothList({ booths, lang, openId }: { booths: readonly BoothSummary[]; lang: string; openId: string | null }) {
  const { t } = useTranslation();
  return (
    <ul className="hall2d__list">
      {booths.map((b) => (
        <li key={b.id}>
          <button
            type="button"
            className="hall2d__item"
            aria-pressed={openId === b.id}
            onClick={() => useHallStore.getState().openBooth(b.id)}
          >
            <span className="hall2d__swatch" style={{ background: b.brandColor }} aria-hidden="true" />
            <span className="hall2d__item-text">
              <span className="hall2d__item-name">
                {pickText(b.name, lang)}
                {b.tags.includes(GREEN_TAG) && <span className="tag tag--green hall2d__green">{t('tags.green')}</span>}
              </span>
              <span className="hall2d__item-meta">
                <CountryFlag code={b.organisation.country} language={lang} />{' '}
                {countryName(b.organisation.country, lang)} · {pickText(b.tagline, lang)}
              </span>
            </span>
          </button>
        </li>
      ))}
    </ul>
  );
}

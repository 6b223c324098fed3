import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { BoothDetail, BoothSummary, ZoneView } from '../../shared/api';
import { GREEN_TAG } from '../../shared/domain';
import { pickText } from '../../shared/i18n';
import { BoothActions } from '../app/booth/BoothActions';
import { BoothContentList } from '../app/booth/BoothContentList';
import { BoothLogo } from '../app/booth/BoothLogo';
import { StaffList } from '../app/booth/StaffList';
import { CountryFlag } from '../app/CountryFlag';
import { ChatPanel } from '../chat/ChatPanel';
import { fill, stringsFor } from '../chat/chat-strings';
import { countryName, tagLabel } from '../i18n/names';
import { NextFreeSlot } from '../meetings/NextFreeSlot';
import { useExpoStore } from '../state/expo';
import { useHallStore } from './hallStore';
import { useHallText } from './hallText';

/** The booth's details beside the hall (never over it): description, materials, needs and offers, team, actions. */
export function BoothPanel({ booths, zones }: { booths: readonly BoothSummary[]; zones: readonly ZoneView[] }) {
  const { t } = useTranslation();
  const { text } = useHallText();
  const openId = useHallStore((s) => s.openBoothId);
  const summary = openId ? booths.find((b) => b.id === openId) : undefined;
  const entry = useExpoStore((s) => (summary ? s.boothDetails[summary.slug] : undefined));
  const headingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (summary) void useExpoStore.getState().loadBooth(summary.slug);
  }, [summary]);

  // Escape closes the panel from anywhere but a text field.
  const isOpen = Boolean(summary);
  useEffect(() => {
    if (!isOpen) return;
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (e.key !== 'Escape' || (target && /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
      useHallStore.getState().closeBooth();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [isOpen]);

  if (!summary) return null;
  const zone = zones.find((z) => z.id === summary.zoneId);
  return (
    <aside
      className="booth-panel"
      aria-labelledby="booth-panel-title"
      style={{ '--brand': summary.brandColor } as React.CSSProperties}
      data-booth-slug={summary.slug}
    >
      <div className="booth-panel__band" />
      <button
        type="button"
        className="icon-button booth-panel__close"
        aria-label={text('closePanel')}
        onClick={() => useHallStore.getState().closeBooth()}
      >
        ×
      </button>
      {entry?.status === 'ready' ? (
        <BoothPanelBody booth={entry.booth} zone={zone} headingRef={headingRef} />
      ) : entry?.status === 'error' ? (
        <p role="alert">{t(`errors.${entry.error.code}`)}</p>
      ) : (
        <p aria-busy="true">{t('loading.booth')}</p>
      )}
    </aside>
  );
}

function BoothPanelBody({
  booth,
  zone,
  headingRef,
}: {
  booth: BoothDetail;
  zone: ZoneView | undefined;
  headingRef: React.RefObject<HTMLHeadingElement | null>;
}) {
  const { t, i18n } = useTranslation();
  const { text } = useHallText();
  const lang = i18n.language;
  const online = useHallStore((s) => s.staffOnline[booth.id] ?? false);
  const name = pickText(booth.name, lang);
  const org = booth.organisation;
  return (
    <div className="booth-panel__body">
      <header className="booth-panel__head">
        <BoothLogo url={booth.logoUrl} name={name} color={booth.brandColor} size={56} />
        <div>
          <h2 id="booth-panel-title" ref={headingRef} tabIndex={-1}>
            {name}
          </h2>
          <p className="booth-panel__tagline">{pickText(booth.tagline, lang)}</p>
        </div>
      </header>
      <p className="booth-panel__org">
        <strong>{org.name}</strong> · <CountryFlag code={org.country} language={lang} />{' '}
        {countryName(org.country, lang)}
        {zone && (
          <>
            {' · '}
            <span className="zone-chip" style={{ '--zone-color': zone.color } as React.CSSProperties}>
              {pickText(zone.name, lang)}
            </span>
          </>
        )}
      </p>
      <p className={online ? 'staff-status staff-status--online' : 'staff-status'}>
        <span className="staff-status__dot" aria-hidden="true" />
        {online ? text('staffOnline') : text('staffOffline')}
      </p>
      <div className="booth-panel__actions" data-slot="booth-actions">
        <BoothActions booth={booth} />
      </div>
      <section aria-labelledby="booth-panel-about">
        <h3 id="booth-panel-about">{t('booth.about')}</h3>
        {pickText(booth.description, lang)
          .split(/\n{2,}/)
          .filter(Boolean)
          .map((p) => (
            <p key={p}>{p}</p>
          ))}
      </section>
      {booth.offers.length > 0 && (
        <section aria-labelledby="booth-panel-offers">
          <h3 id="booth-panel-offers">{t('booth.offers')}</h3>
          <ul className="check-list">
            {booth.offers.map((o) => (
              <li key={o.en}>{pickText(o, lang)}</li>
            ))}
          </ul>
        </section>
      )}
      {booth.needs.length > 0 && (
        <section aria-labelledby="booth-panel-needs">
          <h3 id="booth-panel-needs">{t('booth.needs')}</h3>
          <ul className="check-list check-list--needs">
            {booth.needs.map((n) => (
              <li key={n.en}>{pickText(n, lang)}</li>
            ))}
          </ul>
        </section>
      )}
      <section id="booth-chat" className="booth-panel__chat" tabIndex={-1}>
        <ChatPanel
          channel={`booth:${booth.id}`}
          title={fill(stringsFor(lang).boothTitle, { name })}
          language={lang}
          headingLevel={3}
          whenUnstaffed={<NextFreeSlot boothId={booth.id} boothSlug={booth.slug} />}
        />
      </section>
      <section aria-labelledby="booth-panel-content">
        <h3 id="booth-panel-content">{t('booth.content')}</h3>
        {booth.content.length > 0 ? (
          <BoothContentList items={booth.content} />
        ) : (
          <p className="muted">{t('booth.noContent')}</p>
        )}
      </section>
      {booth.tags.length > 0 && (
        <section aria-labelledby="booth-panel-tags">
          <h3 id="booth-panel-tags">{t('directory.tags')}</h3>
          <ul className="tag-list">
            {booth.tags.map((tag) => (
              <li key={tag} className={tag === GREEN_TAG ? 'tag tag--green' : 'tag'}>
                {tagLabel(i18n, tag)}
              </li>
            ))}
          </ul>
        </section>
      )}
      {booth.staff.length > 0 && (
        <section aria-labelledby="booth-panel-staff">
          <h3 id="booth-panel-staff">{t('booth.staff')}</h3>
          <StaffList staff={booth.staff} />
        </section>
      )}
    </div>
  );
}

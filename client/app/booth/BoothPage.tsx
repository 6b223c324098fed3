import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { BoothDetail } from '../../../shared/api';
import { ErrorCode } from '../../../shared/errors';
import { pickText } from '../../../shared/i18n';
import { ChatPanel } from '../../chat/ChatPanel';
import { fill, stringsFor } from '../../chat/chat-strings';
import { countryName } from '../../i18n/names';
import { NextFreeSlot } from '../../meetings/NextFreeSlot';
import { useExpoStore } from '../../state/expo';
import { CountryFlag } from '../CountryFlag';
import { ErrorState } from '../ErrorState';
import { LoadingScreen } from '../LoadingScreen';
import { TagList } from '../TagList';
import { useDocumentTitle } from '../useDocumentTitle';
import { BoothActions } from './BoothActions';
import { BoothContentList } from './BoothContentList';
import { BoothLogo } from './BoothLogo';
import { StaffList } from './StaffList';

/** A booth as a page: who they are, what they look for and offer, their materials and team. */
export function BoothPage() {
  const { slug = '' } = useParams();
  const { t, i18n } = useTranslation();
  const entry = useExpoStore((s) => s.boothDetails[slug]);
  const booth = entry?.status === 'ready' ? entry.booth : null;
  useDocumentTitle(booth ? pickText(booth.name, i18n.language) : null);

  useEffect(() => {
    void useExpoStore.getState().loadBooth(slug);
  }, [slug]);

  if (!entry || entry.status === 'loading') return <LoadingScreen label={t('loading.booth')} />;
  if (entry.status === 'error') {
    const notFound = entry.error.code === ErrorCode.NOT_FOUND;
    return (
      <main id="main" tabIndex={-1} className="page page--narrow">
        <ErrorState
          error={entry.error}
          message={notFound ? t('booth.notFound') : undefined}
          onRetry={notFound ? undefined : () => void useExpoStore.getState().loadBooth(slug, { force: true })}
        />
        <p>
          <Link to={{ pathname: '/', hash: '#directory' }}>{t('booth.back')}</Link>
        </p>
      </main>
    );
  }
  return <BoothView booth={entry.booth} />;
}

function BoothView({ booth }: { booth: BoothDetail }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const zone = useExpoStore((s) => s.expo?.zones.find((z) => z.id === booth.zoneId) ?? null);
  const name = pickText(booth.name, lang);
  const org = booth.organisation;
  const paragraphs = pickText(booth.description, lang)
    .split(/\n{2,}/)
    .filter(Boolean);

  return (
    <main id="main" tabIndex={-1} className="booth-page" style={{ '--brand': booth.brandColor } as React.CSSProperties}>
      <div className="booth-page__band">
        <p className="booth-page__back">
          <Link to={{ pathname: '/', hash: '#directory' }}>
            <span aria-hidden="true">← </span>
            {t('booth.back')}
          </Link>
        </p>
      </div>
      <div className="booth-page__inner">
        <header className="booth-head">
          <BoothLogo url={booth.logoUrl} name={name} color={booth.brandColor} size={96} />
          <div className="booth-head__text">
            <h1 className="booth-head__name">{name}</h1>
            <p className="booth-head__tagline">{pickText(booth.tagline, lang)}</p>
            <p className="booth-head__org">
              <strong>{org.name}</strong>
              <span className="dot" aria-hidden="true">
                ·
              </span>
              <CountryFlag code={org.country} language={lang} /> {countryName(org.country, lang)}
              {org.city && `, ${org.city}`}
              <span className="dot" aria-hidden="true">
                ·
              </span>
              {t(`booth.orgKind.${org.kind}`)}
            </p>
            <div className="booth-head__links">
              <Link to="/hall" className="button button--primary">
                {t('booth.visitInHall')}
              </Link>
              {org.website && (
                <a href={org.website} className="button button--quiet" target="_blank" rel="noopener noreferrer">
                  {t('booth.website')}
                  <span className="visually-hidden"> {t('booth.opensInNewTab')}</span>
                </a>
              )}
              <BoothActions booth={booth} />
            </div>
          </div>
        </header>

        <div className="booth-layout">
          <div className="booth-layout__main">
            <section className="booth-section" aria-labelledby="about-title">
              <h2 id="about-title">{t('booth.about')}</h2>
              <div className="prose">
                {paragraphs.map((p) => (
                  <p key={p}>{p}</p>
                ))}
              </div>
            </section>

            {(booth.needs.length > 0 || booth.offers.length > 0) && (
              <div className="needs-offers">
                {booth.offers.length > 0 && (
                  <section className="booth-section needs-offers__col" aria-labelledby="offers-title">
                    <h2 id="offers-title">{t('booth.offers')}</h2>
                    <ul className="check-list">
                      {booth.offers.map((offer) => (
                        <li key={offer.en}>{pickText(offer, lang)}</li>
                      ))}
                    </ul>
                  </section>
                )}
                {booth.needs.length > 0 && (
                  <section className="booth-section needs-offers__col" aria-labelledby="needs-title">
                    <h2 id="needs-title">{t('booth.needs')}</h2>
                    <ul className="check-list check-list--needs">
                      {booth.needs.map((need) => (
                        <li key={need.en}>{pickText(need, lang)}</li>
                      ))}
                    </ul>
                  </section>
                )}
              </div>
            )}

            <section className="booth-section" aria-labelledby="content-title">
              <h2 id="content-title">{t('booth.content')}</h2>
              {booth.content.length > 0 ? (
                <BoothContentList items={booth.content} />
              ) : (
                <p className="muted">{t('booth.noContent')}</p>
              )}
            </section>
          </div>

          <aside className="booth-layout__side">
            <section id="booth-chat" className="side-card" tabIndex={-1}>
              <ChatPanel
                channel={`booth:${booth.id}`}
                title={fill(stringsFor(lang).boothTitle, { name })}
                language={lang}
                whenUnstaffed={<NextFreeSlot boothId={booth.id} boothSlug={booth.slug} />}
              />
            </section>
            {zone && (
              <section className="side-card" aria-labelledby="zone-title">
                <h2 id="zone-title" className="side-card__title">
                  {t('booth.zone')}
                </h2>
                <p>
                  <span className="zone-chip" style={{ '--zone-color': zone.color } as React.CSSProperties}>
                    {pickText(zone.name, lang)}
                  </span>
                </p>
              </section>
            )}
            {booth.tags.length > 0 && (
              <section className="side-card" aria-labelledby="tags-title">
                <h2 id="tags-title" className="side-card__title">
                  {t('directory.tags')}
                </h2>
                <TagList tags={booth.tags} />
              </section>
            )}
            {booth.staff.length > 0 && (
              <section className="side-card" aria-labelledby="staff-title">
                <h2 id="staff-title" className="side-card__title">
                  {t('booth.staff')}
                </h2>
                <StaffList staff={booth.staff} />
              </section>
            )}
          </aside>
        </div>
      </div>
    </main>
  );
}

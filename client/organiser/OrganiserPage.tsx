import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ExhibitorOverview, OutboxView, ZoneAdminView } from '../../shared/organiser';
import { FormStatus } from '../account/Field';
import { useTexts } from '../account/texts';
import { useDocumentTitle } from '../app/useDocumentTitle';
import '../editor/editor.css';
import { useSessionStore } from '../state/session';
import { Section, useAction } from './console-kit';
import { ExhibitorsSection } from './ExhibitorsSection';
import { KpiSection } from './KpiSection';
import { ModerationSection } from './ModerationSection';
import { OutboxSection } from './OutboxSection';
import * as api from './organiser-api';
import { SettingsSection } from './SettingsSection';
import { ZonesSection } from './ZonesSection';

/** The organiser console: figures, settings, zones, exhibitors (organisations, plots, invitations), moderation, outbox. */
export function OrganiserPage() {
  const t = useTexts();
  const { i18n } = useTranslation();
  const account = useSessionStore((s) => s.account);
  const [zones, setZones] = useState<ZoneAdminView[]>([]);
  const [overview, setOverview] = useState<ExhibitorOverview | null>(null);
  const [outbox, setOutbox] = useState<OutboxView | null>(null);
  const { error, run } = useAction(t);
  useDocumentTitle(t('organiser.title'));

  const reload = useCallback(() => {
    void run(async () => {
      const [z, o, m] = await Promise.all([api.fetchZones(), api.fetchOverview(), api.fetchOutbox()]);
      setZones(z.zones);
      setOverview(o);
      setOutbox(m);
      return undefined;
    });
  }, [run]);

  useEffect(() => {
    if (account?.role === 'organiser') reload();
  }, [account, reload]);

  if (account?.role !== 'organiser') {
    return (
      <main id="main" tabIndex={-1} className="page">
        <h1>{t('organiser.title')}</h1>
        <p>
          {t('common.needLogin')}{' '}
          <Link to="/login" state={{ from: '/organiser' }}>
            {t('common.login')}
          </Link>
        </p>
      </main>
    );
  }

  return (
    <main id="main" tabIndex={-1} className="page">
      <h1>{t('organiser.title')}</h1>
      <nav className="organiser-nav" aria-label={t('organiser.nav')}>
        <ul>
          <li>
            <a href="#kpis">{t('kpi.title')}</a>
          </li>
          {['settings', 'zones', 'exhibitors', 'moderation', 'outbox'].map((id) => (
            <li key={id}>
              <a href={`#${id}`}>{t(`organiser.${id}`)}</a>
            </li>
          ))}
        </ul>
      </nav>
      <FormStatus error={error} />
      <Section id="kpis" title={t('kpi.title')}>
        <KpiSection t={t} language={i18n.language.split('-')[0] ?? 'en'} />
      </Section>
      <Section id="settings" title={t('organiser.settings')}>
        <SettingsSection t={t} />
      </Section>
      <Section id="zones" title={t('organiser.zones')}>
        <ZonesSection t={t} zones={zones} reload={reload} />
      </Section>
      <Section id="exhibitors" title={t('organiser.exhibitors')}>
        <ExhibitorsSection t={t} zones={zones} overview={overview} reload={reload} />
      </Section>
      <Section id="moderation" title={t('organiser.moderation')}>
        <ModerationSection t={t} />
      </Section>
      <Section id="outbox" title={t('organiser.outbox')}>
        <OutboxSection t={t} outbox={outbox} />
      </Section>
    </main>
  );
}

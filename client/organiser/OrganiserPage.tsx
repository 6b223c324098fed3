import { type FormEvent, type ReactNode, useCallback, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { BoothSize, OrgKind, ZoneKind } from '../../shared/domain';
import type {
  ExhibitorOverview,
  ExpoSettings,
  OutboxView,
  PersonAdminView,
  ZoneAdminView,
} from '../../shared/organiser';
import { formatWhen, isTimeZone, localParts, zonedToInstant } from '../../shared/time-zones';
import { Field, FormStatus } from '../account/Field';
import { messageOf } from '../account/http';
import { useTexts } from '../account/texts';
import { useDocumentTitle } from '../app/useDocumentTitle';
import '../editor/editor.css';
import { viewerTimeZone } from '../meetings/meeting-strings';
import { useSessionStore } from '../state/session';
import { KpiSection } from './KpiSection';
import * as api from './organiser-api';

type T = ReturnType<typeof useTexts>;

/** Runs a console action and keeps its error or success sentence. */
function useAction(t: T) {
  const [error, setError] = useState<string | null>(null);
  const [success, setSuccess] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const run = useCallback(
    async (action: () => Promise<string | undefined>) => {
      setBusy(true);
      setError(null);
      setSuccess(null);
      try {
        setSuccess((await action()) ?? null);
      } catch (err) {
        setError(messageOf(err, t('common.error')));
      } finally {
        setBusy(false);
      }
    },
    [t],
  );
  return { error, success, busy, run };
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section id={id} className="organiser-section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{title}</h2>
      {children}
    </section>
  );
}

function Select({
  label,
  name,
  options,
  defaultValue,
}: {
  label: string;
  name: string;
  options: { value: string; label: string }[];
  defaultValue?: string;
}) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} name={name} defaultValue={defaultValue}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

const str = (d: FormData, k: string) => String(d.get(k) ?? '').trim();

/** An instant as a `datetime-local` value in the expo's zone ("2026-12-08T10:00"), which is how organisers think. */
function toZonedInput(iso: string, timeZone: string): string {
  if (!isTimeZone(timeZone)) return iso.slice(0, 16);
  const p = localParts(Date.parse(iso), timeZone);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${p.year}-${two(p.month)}-${two(p.day)}T${two(p.hour)}:${two(p.minute)}`;
}

/** A `datetime-local` value read in the expo's zone, as an ISO instant; left as typed when it cannot be read. */
function fromZonedInput(value: string, timeZone: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (!m || !isTimeZone(timeZone)) return value; // the server answers with a clear field error
  const [year, month, day, hour, minute] = m.slice(1).map(Number) as [number, number, number, number, number];
  return new Date(zonedToInstant({ year, month, day, hour, minute }, timeZone)).toISOString();
}

/** A moment shown in the viewer's own zone and language. */
function When({ instant }: { instant: string }) {
  const { i18n } = useTranslation();
  const timeZone = viewerTimeZone(useSessionStore((s) => s.account?.timeZone));
  return <time dateTime={instant}>{formatWhen(instant, timeZone, i18n.language.split('-')[0] ?? 'en')}</time>;
}

function SettingsSection({ t }: { t: T }) {
  const [settings, setSettings] = useState<ExpoSettings | null>(null);
  const { error, success, busy, run } = useAction(t);
  useEffect(() => {
    void run(async () => {
      setSettings(await api.fetchSettings());
      return undefined;
    });
  }, [run]);
  if (!settings) return <FormStatus error={error} />;
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const d = new FormData(e.currentTarget);
    void run(async () => {
      setSettings(
        await api.saveSettings({
          name: { en: str(d, 'nameEn'), ja: str(d, 'nameJa') },
          tagline: { en: str(d, 'taglineEn'), ja: str(d, 'taglineJa') },
          startsAt: fromZonedInput(str(d, 'startsAt'), str(d, 'timeZone')),
          endsAt: fromZonedInput(str(d, 'endsAt'), str(d, 'timeZone')),
          timeZone: str(d, 'timeZone'),
          meetingHours: { start: str(d, 'meetingStart'), end: str(d, 'meetingEnd') },
        }),
      );
      return t('common.saved');
    });
  };
  return (
    <form noValidate onSubmit={onSubmit}>
      <FormStatus error={error} success={success} />
      <Field label={`${t('organiser.expoName')} (en)`} name="nameEn" defaultValue={settings.name.en} />
      <Field label={`${t('organiser.expoName')} (ja)`} name="nameJa" defaultValue={settings.name.ja ?? ''} lang="ja" />
      <Field label={`${t('organiser.tagline')} (en)`} name="taglineEn" defaultValue={settings.tagline.en} />
      <Field
        label={`${t('organiser.tagline')} (ja)`}
        name="taglineJa"
        defaultValue={settings.tagline.ja ?? ''}
        lang="ja"
      />
      <Field label={t('common.timeZone')} name="timeZone" defaultValue={settings.timeZone} />
      <Field
        label={t('organiser.startsAt')}
        name="startsAt"
        type="datetime-local"
        defaultValue={toZonedInput(settings.startsAt, settings.timeZone)}
      />
      <Field
        label={t('organiser.endsAt')}
        name="endsAt"
        type="datetime-local"
        defaultValue={toZonedInput(settings.endsAt, settings.timeZone)}
      />
      <Field
        label={t('organiser.meetingStart')}
        name="meetingStart"
        type="time"
        defaultValue={settings.meetingHours.start}
      />
      <Field label={t('organiser.meetingEnd')} name="meetingEnd" type="time" defaultValue={settings.meetingHours.end} />
      <button type="submit" className="button button--primary" disabled={busy}>
        {t('common.save')}
      </button>
    </form>
  );
}

function ZonesSection({ t, zones, reload }: { t: T; zones: ZoneAdminView[]; reload: () => void }) {
  const { error, success, busy, run } = useAction(t);
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const d = new FormData(form);
    void run(async () => {
      await api.createZone({
        slug: str(d, 'slug'),
        kind: ZoneKind.parse(str(d, 'kind')),
        name: { en: str(d, 'nameEn'), ja: str(d, 'nameJa') },
        description: { en: '' },
        color: str(d, 'color').toUpperCase(),
        sort: zones.length,
      });
      form.reset();
      reload();
      return t('organiser.created');
    });
  };
  return (
    <>
      <ul>
        {zones.map((z) => (
          <li key={z.id}>
            <span style={{ color: z.color }} aria-hidden="true">
              ■{' '}
            </span>
            {z.name.en} {z.name.ja ? `/ ${z.name.ja}` : ''} ({z.kind},{' '}
            {t('organiser.boothsInZone', { count: z.booths })})
          </li>
        ))}
      </ul>
      <form noValidate onSubmit={onSubmit} className="organiser-inline">
        <Field label={t('organiser.zoneSlug')} name="slug" required />
        <Field label={`${t('common.name')} (en)`} name="nameEn" required />
        <Field label={`${t('common.name')} (ja)`} name="nameJa" lang="ja" />
        <Select
          label={t('organiser.zoneKind')}
          name="kind"
          options={ZoneKind.options.map((k) => ({ value: k, label: k }))}
        />
        <Field label={t('organiser.zoneColor')} name="color" type="color" defaultValue="#1FA39A" />
        <button type="submit" className="button" disabled={busy}>
          {t('organiser.addZone')}
        </button>
      </form>
      <FormStatus error={error} success={success} />
    </>
  );
}

function ExhibitorsSection({
  t,
  zones,
  overview,
  reload,
}: {
  t: T;
  zones: ZoneAdminView[];
  overview: ExhibitorOverview | null;
  reload: () => void;
}) {
  const org = useAction(t);
  const plot = useAction(t);
  const invite = useAction(t);
  const [link, setLink] = useState<string | null>(null);
  const orgOptions = (overview?.organisations ?? []).map((o) => ({ value: o.id, label: o.name }));

  const onOrg = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const d = new FormData(form);
    void org.run(async () => {
      await api.createOrganisation({
        slug: str(d, 'slug'),
        name: str(d, 'name'),
        country: str(d, 'country').toUpperCase(),
        city: str(d, 'city'),
        kind: OrgKind.parse(str(d, 'kind')),
        website: null,
      });
      form.reset();
      reload();
      return t('organiser.created');
    });
  };
  const onPlot = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const d = new FormData(e.currentTarget);
    void plot.run(async () => {
      await api.createPlot({
        organisationId: str(d, 'organisationId'),
        zoneId: str(d, 'zoneId'),
        size: BoothSize.parse(str(d, 'size')),
        position: Number(str(d, 'position')),
      });
      reload();
      return t('organiser.created');
    });
  };
  const onInvite = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const d = new FormData(e.currentTarget);
    void invite.run(async () => {
      const created = await api.createInvitation({
        organisationId: str(d, 'organisationId'),
        email: str(d, 'email'),
        orgRole: str(d, 'orgRole') as 'owner' | 'admin' | 'staff',
      });
      setLink(created.url);
      reload();
      return t('organiser.created');
    });
  };

  return (
    <>
      <h3>{t('organiser.addOrg')}</h3>
      <form noValidate onSubmit={onOrg} className="organiser-inline">
        <Field label={t('organiser.orgSlug')} name="slug" required />
        <Field label={t('organiser.orgName')} name="name" required />
        <Field label={t('common.country')} name="country" maxLength={2} required />
        <Field label={t('organiser.city')} name="city" />
        <Select
          label={t('organiser.orgKind')}
          name="kind"
          options={OrgKind.options.map((k) => ({ value: k, label: k }))}
        />
        <button type="submit" className="button" disabled={org.busy}>
          {t('organiser.addOrg')}
        </button>
      </form>
      <FormStatus error={org.error} success={org.success} />

      <h3>{t('organiser.plot')}</h3>
      <form noValidate onSubmit={onPlot} className="organiser-inline">
        <Select label={t('organiser.organisation')} name="organisationId" options={orgOptions} />
        <Select
          label={t('organiser.zone')}
          name="zoneId"
          options={zones.filter((z) => z.kind === 'exhibit').map((z) => ({ value: z.id, label: z.name.en }))}
        />
        <Select
          label={t('organiser.size')}
          name="size"
          options={BoothSize.options.map((s) => ({ value: s, label: s }))}
        />
        <Field label={t('organiser.position')} name="position" type="number" min={0} defaultValue={0} />
        <button type="submit" className="button" disabled={plot.busy}>
          {t('organiser.addPlot')}
        </button>
      </form>
      <FormStatus error={plot.error} success={plot.success} />

      <h3>{t('organiser.invite')}</h3>
      <form noValidate onSubmit={onInvite} className="organiser-inline">
        <Select label={t('organiser.organisation')} name="organisationId" options={orgOptions} />
        <Field label={t('common.email')} name="email" type="email" required />
        <Select
          label={t('organiser.role')}
          name="orgRole"
          defaultValue="owner"
          options={['owner', 'admin', 'staff'].map((r) => ({ value: r, label: r }))}
        />
        <button type="submit" className="button" disabled={invite.busy}>
          {t('organiser.sendInvite')}
        </button>
      </form>
      <FormStatus error={invite.error} success={invite.success} />
      {link && (
        <p>
          {t('organiser.inviteLink')} <code data-testid="invitation-link">{link}</code>
        </p>
      )}

      <h3>{t('organiser.overview')}</h3>
      <table className="organiser-table" data-testid="exhibitor-overview">
        <thead>
          <tr>
            <th scope="col">{t('organiser.organisation')}</th>
            <th scope="col">{t('organiser.exhibitors')}</th>
            <th scope="col">{t('editor.listTitle')}</th>
          </tr>
        </thead>
        <tbody>
          {overview?.organisations.map((o) => (
            <tr key={o.id}>
              <th scope="row">
                {o.name} ({o.country})
              </th>
              <td>{t('organiser.members', { members: o.members, invites: o.pendingInvitations })}</td>
              <td>
                {o.booths.map((b) => (
                  <p key={b.id}>
                    <Link to={`/editor/${b.id}`}>{b.name.en}</Link> — {t(`editor.status_${b.status}`)}
                    {b.pendingChanges && ` · ${t('editor.pending')}`}
                  </p>
                ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

function ModerationSection({ t }: { t: T }) {
  const [people, setPeople] = useState<PersonAdminView[]>([]);
  const { error, success, busy, run } = useAction(t);
  const [reason, setReason] = useState('');
  const [minutes, setMinutes] = useState('');
  const onSearch = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const q = str(new FormData(e.currentTarget), 'q');
    void run(async () => {
      setPeople((await api.findPeople(q)).people);
      return undefined;
    });
  };
  const act = (person: PersonAdminView, action: 'mute' | 'kick' | 'ban' | 'lift') =>
    run(async () => {
      const updated = await api.moderate({
        accountId: person.id,
        action,
        reason,
        ...(action === 'mute' && minutes ? { minutes: Number(minutes) } : {}),
      });
      setPeople((list) => list.map((p) => (p.id === updated.id ? updated : p)));
      return t('common.saved');
    });
  return (
    <>
      <form noValidate onSubmit={onSearch} className="organiser-inline">
        <Field label={t('organiser.search')} name="q" type="search" />
        <button type="submit" className="button">
          {t('organiser.find')}
        </button>
      </form>
      <div className="organiser-inline">
        <Field label={t('organiser.reason')} value={reason} onChange={(e) => setReason(e.target.value)} />
        <Field
          label={t('organiser.minutes')}
          type="number"
          min={1}
          value={minutes}
          onChange={(e) => setMinutes(e.target.value)}
        />
      </div>
      <FormStatus error={error} success={success} />
      <ul>
        {people.map((p) => (
          <li key={p.id}>
            <strong>{p.displayName}</strong> {p.email ?? ''} ({p.role}
            {p.organisation ? `, ${p.organisation}` : ''})
            {p.restriction && (
              <p>{t('organiser.restricted', { action: p.restriction.action, reason: p.restriction.reason })}</p>
            )}
            <div className="organiser-inline">
              {(['mute', 'kick', 'ban', 'lift'] as const).map((action) => (
                <button
                  key={action}
                  type="button"
                  className="button"
                  disabled={busy}
                  aria-label={`${t(`organiser.act_${action}`)}: ${p.displayName}`}
                  onClick={() => void act(p, action)}
                >
                  {t(`organiser.act_${action}`)}
                </button>
              ))}
            </div>
            {p.history.length > 0 && (
              <details>
                <summary>{t('organiser.history')}</summary>
                <ul>
                  {p.history.map((h) => (
                    <li key={h.at + h.action}>
                      <When instant={h.at} />: {h.action} — {h.reason} ({h.by})
                    </li>
                  ))}
                </ul>
              </details>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}

function OutboxSection({ t, outbox }: { t: T; outbox: OutboxView | null }) {
  if (!outbox || outbox.mails.length === 0) return <p>{t('organiser.outboxEmpty')}</p>;
  return (
    <ul data-testid="outbox">
      {outbox.mails.map((m) => (
        <li key={m.id}>
          <details>
            <summary>
              <When instant={m.createdAt} /> → {m.to}: {m.subject} ({m.transport}
              {m.error ? `, ${m.error}` : ''})
            </summary>
            {m.body && <pre>{m.body}</pre>}
          </details>
        </li>
      ))}
    </ul>
  );
}

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

import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { BoothSize, OrgKind } from '../../shared/domain';
import type { ExhibitorOverview, ZoneAdminView } from '../../shared/organiser';
import { Field, FormStatus } from '../account/Field';
import { Select, str, type T, useAction } from './console-kit';
import * as api from './organiser-api';

/** Exhibiting organisations, their booth plots and the invitations that bring their staff in. */
export function ExhibitorsSection({
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

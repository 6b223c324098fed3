import type { FormEvent } from 'react';
import { ZoneKind } from '../../shared/domain';
import type { ZoneAdminView } from '../../shared/organiser';
import { Field, FormStatus } from '../account/Field';
import { Select, str, type T, useAction } from './console-kit';
import * as api from './organiser-api';

/** The hall's zones, and a form to add one (the layout places it). */
export function ZonesSection({ t, zones, reload }: { t: T; zones: ZoneAdminView[]; reload: () => void }) {
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

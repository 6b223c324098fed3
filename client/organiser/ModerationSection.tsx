import { type FormEvent, useState } from 'react';
import type { PersonAdminView } from '../../shared/organiser';
import { Field, FormStatus } from '../account/Field';
import { str, type T, useAction, When } from './console-kit';
import * as api from './organiser-api';

/** Finds a person and mutes (for a time), removes, bans or lifts them. */
export function ModerationSection({ t }: { t: T }) {
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

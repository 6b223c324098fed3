import { type FormEvent, useEffect, useState } from 'react';
import type { ExpoSettings } from '../../shared/organiser';
import { isTimeZone, localParts, zonedToInstant } from '../../shared/time-zones';
import { Field, FormStatus } from '../account/Field';
import { str, type T, useAction } from './console-kit';
import * as api from './organiser-api';

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

/** The expo's name, tagline, dates (typed in the expo's time zone) and meeting hours. */
export function SettingsSection({ t }: { t: T }) {
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

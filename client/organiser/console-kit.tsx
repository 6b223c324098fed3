/** What every section of the organiser console uses: an action's error and success, a section, a select, a moment. */
import { type ReactNode, useCallback, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatWhen } from '../../shared/time-zones';
import { messageOf } from '../account/http';
import type { useTexts } from '../account/texts';
import { viewerTimeZone } from '../meetings/meeting-strings';
import { useSessionStore } from '../state/session';

/** The console's words (the account pages' table). */
export type T = ReturnType<typeof useTexts>;

/** Runs a console action and keeps its error or success sentence. */
export function useAction(t: T) {
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

export function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section id={id} className="organiser-section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{title}</h2>
      {children}
    </section>
  );
}

export function Select({
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

export const str = (d: FormData, k: string) => String(d.get(k) ?? '').trim();

/** A moment shown in the viewer's own zone and language. */
export function When({ instant }: { instant: string }) {
  const { i18n } = useTranslation();
  const timeZone = viewerTimeZone(useSessionStore((s) => s.account?.timeZone));
  return <time dateTime={instant}>{formatWhen(instant, timeZone, i18n.language.split('-')[0] ?? 'en')}</time>;
}

/**
 * Booking at a booth: each staff member's free slots, grouped by day in the viewer's zone, with the staff member's
 * own local time beside each; pick one, add a short agenda, book. A slot taken meanwhile is said in words and the
 * list refreshes.
 */
import { type FormEvent, useCallback, useEffect, useId, useState } from 'react';
import { Link } from 'react-router';
import { ErrorCode } from '../../shared/errors';
import type { BoothSlotsView, SlotView, StaffSlotsView } from '../../shared/meetings';
import { GuestEntry } from '../chat/GuestEntry';
import { toApiError } from '../net/ApiError';
import { bookMeeting, fetchBoothSlots } from '../net/meetings';
import { useSessionStore } from '../state/session';
import { useUiStore } from '../state/ui';
import {
  dayKey,
  fill,
  formatDay,
  formatTime,
  formatWhen,
  type MeetingStrings,
  meetingStringsFor,
  viewerTimeZone,
} from './meeting-strings';
import './meetings.css';

interface Picked {
  staff: StaffSlotsView;
  slot: SlotView;
}

/** The exhibitor's local time for a slot, with a day marker when their date differs from the viewer's. */
export function TheirTime({
  instant,
  theirZone,
  viewerZone,
  name,
  s,
  language,
}: {
  instant: string;
  theirZone: string;
  viewerZone: string;
  name: string;
  s: MeetingStrings;
  language: string;
}) {
  const mine = dayKey(instant, viewerZone);
  const theirs = dayKey(instant, theirZone);
  const shift = theirs > mine ? ` ${s.nextDay}` : theirs < mine ? ` ${s.prevDay}` : '';
  return (
    <span className="slot__their-time">
      {fill(s.theirTime, { time: `${formatTime(instant, theirZone, language)}${shift}`, name })}
    </span>
  );
}

export function BoothMeetingSlots({ boothId }: { boothId: string }) {
  const language = useUiStore((st) => st.language);
  const account = useSessionStore((st) => st.account);
  const s = meetingStringsFor(language);
  const zone = viewerTimeZone(account?.timeZone);
  const [view, setView] = useState<BoothSlotsView | null>(null);
  const [loadError, setLoadError] = useState(false);
  const [picked, setPicked] = useState<Picked | null>(null);
  const [agenda, setAgenda] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const agendaId = useId();

  const load = useCallback(
    async (signal?: AbortSignal) => {
      try {
        setView(await fetchBoothSlots(boothId, signal));
        setLoadError(false);
      } catch (err) {
        if (!signal?.aborted) setLoadError(true);
        void err;
      }
    },
    [boothId],
  );

  // biome-ignore lint/correctness/useExhaustiveDependencies: reload when the person changes (their own meetings are taken out)
  useEffect(() => {
    const controller = new AbortController();
    void load(controller.signal);
    return () => controller.abort();
  }, [load, account?.id]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!picked) return;
    setBusy(true);
    setResult(null);
    try {
      const meeting = await bookMeeting({
        hostId: picked.staff.hostId,
        boothId,
        startsAt: picked.slot.startsAt,
        endsAt: picked.slot.endsAt,
        agenda,
      });
      setResult({
        ok: true,
        text: fill(s.booked, { name: picked.staff.displayName, when: formatWhen(meeting.startsAt, zone, language) }),
      });
      setPicked(null);
      setAgenda('');
    } catch (err) {
      const error = toApiError(err);
      setResult({
        ok: false,
        text:
          error.code === ErrorCode.CONFLICT
            ? s.justTaken
            : error.code === ErrorCode.UNAUTHENTICATED
              ? s.enterFirst
              : fill(s.failed, { message: error.message }),
      });
    } finally {
      setBusy(false);
      void load();
    }
  }

  if (loadError) return <p className="form-alert">{s.loadFailed}</p>;
  if (!view) return <p role="status">…</p>;

  return (
    <section className="meeting-slots" aria-labelledby={`${agendaId}-title`}>
      <h2 id={`${agendaId}-title`}>{s.bookTitle}</h2>
      <p className="meeting-slots__intro">{fill(s.slotsIntro, { zone })}</p>
      {!account && <GuestEntry language={language} prompt={s.enterFirst} />}
      {result && (
        <p role={result.ok ? 'status' : 'alert'} className={result.ok ? 'meeting-slots__ok' : 'form-alert'}>
          {result.text} {result.ok && <Link to="/meetings">{s.myMeetings}</Link>}
        </p>
      )}
      {view.staff.length === 0 && <p>{s.noStaffTimes}</p>}
      {view.staff.map((staff) => (
        <StaffSlots
          key={staff.hostId}
          staff={staff}
          zone={zone}
          language={language}
          s={s}
          picked={picked?.slot.startsAt && picked.staff.hostId === staff.hostId ? picked.slot.startsAt : null}
          onPick={(slot) => setPicked({ staff, slot })}
        />
      ))}
      {picked && (
        <form className="meeting-slots__form" onSubmit={submit}>
          <label htmlFor={agendaId}>{s.agenda}</label>
          <textarea id={agendaId} maxLength={500} rows={3} value={agenda} onChange={(e) => setAgenda(e.target.value)} />
          <button type="submit" className="button button--primary" disabled={busy || !account}>
            {busy ? s.booking : fill(s.book, { time: formatWhen(picked.slot.startsAt, zone, language) })}
          </button>
        </form>
      )}
    </section>
  );
}

function StaffSlots(props: {
  staff: StaffSlotsView;
  zone: string;
  language: string;
  s: MeetingStrings;
  picked: string | null;
  onPick(slot: SlotView): void;
}) {
  const { staff, zone, language, s } = props;
  const days = new Map<string, SlotView[]>();
  for (const slot of staff.slots) {
    const key = dayKey(slot.startsAt, zone);
    days.set(key, [...(days.get(key) ?? []), slot]);
  }
  return (
    <div className="staff-slots">
      <h3>
        {staff.displayName} <span className="staff-slots__title">{staff.jobTitle}</span>
      </h3>
      {staff.slots.length === 0 && <p>{fill(s.noSlots, { name: staff.displayName })}</p>}
      {[...days.values()].map((slots) => (
        <fieldset key={slots[0]!.startsAt} className="staff-slots__day">
          <legend>{formatDay(slots[0]!.startsAt, zone, language)}</legend>
          <ul className="slot-list">
            {slots.map((slot) => (
              <li key={slot.startsAt}>
                <button
                  type="button"
                  className="slot"
                  aria-pressed={props.picked === slot.startsAt}
                  data-slot-start={slot.startsAt}
                  onClick={() => props.onPick(slot)}
                >
                  <span className="slot__time">{formatTime(slot.startsAt, zone, language)}</span>
                  <TheirTime
                    instant={slot.startsAt}
                    theirZone={staff.timeZone}
                    viewerZone={zone}
                    name={staff.displayName}
                    s={s}
                    language={language}
                  />
                </button>
              </li>
            ))}
          </ul>
        </fieldset>
      ))}
    </div>
  );
}

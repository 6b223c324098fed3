/**
 * "My meetings" at /meetings: every meeting in the viewer's zone with the other side's local time, Join (active
 * from 5 minutes before), the calendar invitation, cancel and move; staff can decline with a message. The list
 * refreshes when the server says a meeting changed.
 */
import { useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router';
import { joinIsOpen, type MeetingView, type SlotView } from '../../shared/meetings';
import { GuestEntry } from '../chat/GuestEntry';
import { toApiError } from '../net/ApiError';
import {
  cancelMeeting,
  declineMeeting,
  fetchBoothSlots,
  fetchMyMeetings,
  invitationUrl,
  rescheduleMeeting,
  respondToInvitation,
} from '../net/meetings';
import { getRealtimeSocket } from '../net/socket';
import { useConnectionStore } from '../state/connection';
import { useSessionStore } from '../state/session';
import { useUiStore } from '../state/ui';
import { TheirTime } from './BoothMeetingSlots';
import { fill, formatWhen, type MeetingStrings, meetingStringsFor, viewerTimeZone } from './meeting-strings';
import './meetings.css';

/** Re-render often enough for Join to open on time. */
const CLOCK_TICK_MS = 15_000;

function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), CLOCK_TICK_MS);
    return () => clearInterval(timer);
  }, []);
  return now;
}

export function MyMeetingsPage() {
  const language = useUiStore((st) => st.language);
  const account = useSessionStore((st) => st.account);
  const connectionId = useConnectionStore((st) => st.connectionId);
  const s = meetingStringsFor(language);
  const zone = viewerTimeZone(account?.timeZone);
  const [meetings, setMeetings] = useState<MeetingView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const now = useNow();

  const load = useCallback(async () => {
    try {
      setMeetings(await fetchMyMeetings());
      setError(null);
    } catch (err) {
      setError(toApiError(err).message);
    }
  }, []);

  useEffect(() => {
    if (account) void load();
  }, [account, load]);

  // The server tells both sides when a meeting is booked, moved, cancelled or declined.
  useEffect(() => {
    const socket = getRealtimeSocket();
    if (!socket || !connectionId) return;
    const refresh = () => void load();
    socket.on('meeting:changed', refresh);
    return () => {
      socket.off('meeting:changed', refresh);
    };
  }, [connectionId, load]);

  return (
    <main id="main" tabIndex={-1} className="page page--narrow my-meetings">
      <h1>{s.myMeetings}</h1>
      <p>{fill(s.yourTime, { zone })}</p>
      {account?.role === 'exhibitor' && (
        <p>
          <Link to="/meetings/availability" className="button button--quiet">
            {s.availabilityLink}
          </Link>
        </p>
      )}
      {!account && <GuestEntry language={language} prompt={s.enterFirst} />}
      {error && <p className="form-alert">{fill(s.failed, { message: error })}</p>}
      {meetings?.length === 0 && <p>{s.noMeetings}</p>}
      <ul className="meeting-list">
        {meetings?.map((m) => (
          <MeetingItem key={m.id} meeting={m} zone={zone} now={now} s={s} language={language} onChanged={load} />
        ))}
      </ul>
    </main>
  );
}

function MeetingItem(props: {
  meeting: MeetingView;
  zone: string;
  now: number;
  s: MeetingStrings;
  language: string;
  onChanged(): Promise<void>;
}) {
  const { meeting: m, zone, now, s, language } = props;
  const other = m.myRole === 'host' ? m.guest : m.host;
  const [mode, setMode] = useState<'idle' | 'cancel' | 'decline' | 'move'>('idle');
  const [note, setNote] = useState('');
  const [slots, setSlots] = useState<SlotView[] | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const open = joinIsOpen(m, now);
  const booked = m.status === 'booked';

  async function act(action: () => Promise<unknown>) {
    setFailure(null);
    try {
      await action();
      setMode('idle');
      setNote('');
      await props.onChanged();
    } catch (err) {
      setFailure(toApiError(err).message);
    }
  }

  async function startMove() {
    setMode('move');
    const view = await fetchBoothSlots(m.boothId).catch(() => null);
    setSlots(view?.staff.find((st) => st.hostId === m.host.id)?.slots ?? []);
  }

  return (
    <li className="meeting-item" data-meeting-id={m.id} data-status={m.status}>
      <div className="meeting-item__when">
        <strong>{formatWhen(m.startsAt, zone, language)}</strong>
        {other.timeZone && other.timeZone !== zone && (
          <TheirTime
            instant={m.startsAt}
            theirZone={other.timeZone}
            viewerZone={zone}
            name={other.displayName}
            s={s}
            language={language}
          />
        )}
      </div>
      <div className="meeting-item__what">
        {fill(s.with, { name: other.displayName })} ·{' '}
        <Link to={`/booths/${m.boothSlug}`}>
          {fill(s.at, { booth: m.boothName[language as 'en'] || m.boothName.en })}
        </Link>{' '}
        · <span className={`meeting-status meeting-status--${m.status}`}>{s[`status_${m.status}`]}</span>
      </div>
      {m.agenda && <p className="meeting-item__agenda">{fill(s.agendaLabel, { agenda: m.agenda })}</p>}
      {m.message && <p className="meeting-item__note">{fill(s.note, { message: m.message })}</p>}
      {booked && (
        <div className="meeting-item__actions">
          {open ? (
            <Link className="button button--primary" to={`/meetings/${m.id}/call`}>
              {s.join}
            </Link>
          ) : (
            <button type="button" className="button button--primary" disabled title={s.joinOpensAt}>
              {s.join}
            </button>
          )}
          <a className="button button--quiet" href={invitationUrl(m.id)} download>
            {s.invitation}
          </a>
          <button type="button" className="button button--quiet" onClick={() => void startMove()}>
            {s.reschedule}
          </button>
          <button type="button" className="button button--quiet" onClick={() => setMode('cancel')}>
            {s.cancel}
          </button>
          {m.myRole === 'host' && (
            <button type="button" className="button button--quiet" onClick={() => setMode('decline')}>
              {s.decline}
            </button>
          )}
        </div>
      )}
      {m.status === 'invited' && (
        <div className="meeting-item__actions">
          {m.myRole === 'guest' ? (
            <>
              <button
                type="button"
                className="button button--primary"
                onClick={() => void act(() => respondToInvitation(m.id, true))}
              >
                {s.acceptInvitation}
              </button>
              <button
                type="button"
                className="button button--quiet"
                onClick={() => void act(() => respondToInvitation(m.id, false))}
              >
                {s.declineInvitation}
              </button>
            </>
          ) : (
            <button type="button" className="button button--quiet" onClick={() => setMode('cancel')}>
              {s.cancel}
            </button>
          )}
        </div>
      )}
      {!open && booked && <p className="meeting-item__hint">{s.joinOpensAt}</p>}
      {(mode === 'cancel' || mode === 'decline') && (
        <form
          className="meeting-item__form"
          onSubmit={(e) => {
            e.preventDefault();
            void act(() => (mode === 'cancel' ? cancelMeeting(m.id, note || undefined) : declineMeeting(m.id, note)));
          }}
        >
          <label>
            {mode === 'cancel' ? s.cancelReason : s.declineReason}
            <input
              value={note}
              maxLength={500}
              required={mode === 'decline'}
              onChange={(e) => setNote(e.target.value)}
            />
          </label>
          <button type="submit" className="button">
            {mode === 'cancel' ? s.cancel : s.decline}
          </button>
        </form>
      )}
      {mode === 'move' && (
        <div className="meeting-item__move">
          <p>{s.rescheduleTo}</p>
          <ul className="slot-list">
            {slots?.slice(0, 24).map((slot) => (
              <li key={slot.startsAt}>
                <button
                  type="button"
                  className="slot"
                  onClick={() =>
                    void act(() => rescheduleMeeting(m.id, { startsAt: slot.startsAt, endsAt: slot.endsAt }))
                  }
                >
                  {formatWhen(slot.startsAt, zone, language)}
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
      {failure && <p className="form-alert">{fill(s.failed, { message: failure })}</p>}
    </li>
  );
}

export default MyMeetingsPage;

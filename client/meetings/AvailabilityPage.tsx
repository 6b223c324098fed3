/**
 * Staff publish when they can meet, at /meetings/availability: windows as local dates and times in their own zone,
 * a meeting length and a buffer, per booth. Saving replaces that booth's windows (POST /api/meetings/availability);
 * the server turns them into instants.
 */
import { useEffect, useId, useState } from 'react';
import { Link } from 'react-router';
import { pickText } from '../../shared/i18n';
import { type AvailabilityView, MEETING_LENGTHS, type MeetingHoursView } from '../../shared/meetings';
import { localParts } from '../../shared/time-zones';
import { toApiError } from '../net/ApiError';
import { fetchMeetingHours, fetchMyAvailability, publishAvailability } from '../net/meetings';
import { useSessionStore } from '../state/session';
import { useUiStore } from '../state/ui';
import { InviteForm } from './InviteForm';
import { fill, meetingStringsFor } from './meeting-strings';
import './meetings.css';

interface WindowRow {
  key: number;
  date: string;
  from: string;
  to: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
const localDate = (ms: number, zone: string) => {
  const p = localParts(ms, zone);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}`;
};
const localClock = (ms: number, zone: string) => {
  const p = localParts(ms, zone);
  return `${pad(p.hour)}:${pad(p.minute)}`;
};

let nextKey = 1;

/** The windows of one booth as rows in the staff member's zone. */
function rowsOf(view: AvailabilityView, boothId: string): WindowRow[] {
  return view.windows
    .filter((w) => w.boothId === boothId)
    .map((w) => ({
      key: nextKey++,
      date: localDate(Date.parse(w.startsAt), view.timeZone),
      from: localClock(Date.parse(w.startsAt), view.timeZone),
      to: localClock(Date.parse(w.endsAt), view.timeZone),
    }));
}

export function AvailabilityPage() {
  const language = useUiStore((st) => st.language);
  const account = useSessionStore((st) => st.account);
  const s = meetingStringsFor(language);
  const ids = useId();
  const [view, setView] = useState<AvailabilityView | null>(null);
  const [hours, setHours] = useState<MeetingHoursView | null>(null);
  const [boothId, setBoothId] = useState('');
  const [rows, setRows] = useState<WindowRow[]>([]);
  const [slotMinutes, setSlotMinutes] = useState<number>(30);
  const [bufferMinutes, setBufferMinutes] = useState(0);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [saving, setSaving] = useState(false);
  const [savedVersion, setSavedVersion] = useState(0);

  useEffect(() => {
    if (!account) return;
    const controller = new AbortController();
    Promise.all([fetchMyAvailability(controller.signal), fetchMeetingHours(controller.signal)])
      .then(([v, h]) => {
        setView(v);
        setHours(h);
        const first = v.booths[0]?.id ?? '';
        setBoothId(first);
        setRows(rowsOf(v, first));
        const existing = v.windows.find((w) => w.boothId === first);
        if (existing) {
          setSlotMinutes(existing.slotMinutes);
          setBufferMinutes(existing.bufferMinutes);
        }
      })
      .catch((err) => {
        if (!controller.signal.aborted)
          setMessage({ ok: false, text: fill(s.failed, { message: toApiError(err).message }) });
      });
    return () => controller.abort();
  }, [account, s.failed]);

  const zone = view?.timeZone ?? 'UTC';
  const minDate = hours ? localDate(Date.parse(hours.opensAt), zone) : undefined;
  const maxDate = hours ? localDate(Date.parse(hours.closesAt) - 1, zone) : undefined;

  function chooseBooth(id: string) {
    setBoothId(id);
    if (view) setRows(rowsOf(view, id));
    setMessage(null);
  }

  function update(key: number, patch: Partial<WindowRow>) {
    setRows((list) => list.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  }

  async function save() {
    setSaving(true);
    setMessage(null);
    try {
      const saved = await publishAvailability({
        boothId,
        timeZone: zone,
        slotMinutes,
        bufferMinutes,
        windows: rows.map(({ date, from, to }) => ({ date, from, to })),
      });
      setView(saved);
      setRows(rowsOf(saved, boothId));
      setMessage({ ok: true, text: s.availabilitySaved });
      setSavedVersion((n) => n + 1);
    } catch (err) {
      setMessage({ ok: false, text: fill(s.failed, { message: toApiError(err).message }) });
    } finally {
      setSaving(false);
    }
  }

  const notStaff = view !== null && view.booths.length === 0;
  return (
    <main id="main" tabIndex={-1} className="page page--narrow availability-page">
      <h1>{s.publishTitle}</h1>
      <p>
        <Link to="/meetings">{s.myMeetings}</Link>
      </p>
      {account && notStaff && <p className="form-alert">{s.availabilityNotStaff}</p>}
      {!account && (
        <p className="form-alert">
          {s.availabilityLogIn}{' '}
          <Link to="/login" state={{ from: '/meetings/availability' }}>
            {s.logIn}
          </Link>
        </p>
      )}
      {view && view.booths.length > 0 && (
        <form
          className="availability-form"
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <p>{fill(s.availabilityIntro, { zone })}</p>
          {view.booths.length > 1 && (
            <div className="field">
              <label htmlFor={`${ids}-booth`}>{s.availabilityBooth}</label>
              <select id={`${ids}-booth`} value={boothId} onChange={(e) => chooseBooth(e.target.value)}>
                {view.booths.map((b) => (
                  <option key={b.id} value={b.id}>
                    {pickText(b.name, language)}
                  </option>
                ))}
              </select>
            </div>
          )}
          <div className="availability-form__settings">
            <div className="field">
              <label htmlFor={`${ids}-length`}>{s.availabilityLength}</label>
              <select id={`${ids}-length`} value={slotMinutes} onChange={(e) => setSlotMinutes(Number(e.target.value))}>
                {MEETING_LENGTHS.map((n) => (
                  <option key={n} value={n}>
                    {n}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor={`${ids}-buffer`}>{s.availabilityBuffer}</label>
              <input
                id={`${ids}-buffer`}
                type="number"
                min={0}
                max={60}
                step={5}
                value={bufferMinutes}
                onChange={(e) => setBufferMinutes(Math.max(0, Math.min(60, Number(e.target.value) || 0)))}
              />
            </div>
          </div>
          {rows.length === 0 && <p>{s.availabilityNone}</p>}
          <ul className="availability-windows">
            {rows.map((r, i) => (
              <li key={r.key} className="availability-window" data-testid="availability-window">
                <label>
                  {s.availabilityDate}
                  <input
                    type="date"
                    required
                    min={minDate}
                    max={maxDate}
                    value={r.date}
                    aria-label={`${s.availabilityDate} ${i + 1}`}
                    onChange={(e) => update(r.key, { date: e.target.value })}
                  />
                </label>
                <label>
                  {s.availabilityFrom}
                  <input
                    type="time"
                    required
                    step={900}
                    value={r.from}
                    aria-label={`${s.availabilityFrom} ${i + 1}`}
                    onChange={(e) => update(r.key, { from: e.target.value })}
                  />
                </label>
                <label>
                  {s.availabilityTo}
                  <input
                    type="time"
                    required
                    step={900}
                    value={r.to}
                    aria-label={`${s.availabilityTo} ${i + 1}`}
                    onChange={(e) => update(r.key, { to: e.target.value })}
                  />
                </label>
                <button
                  type="button"
                  className="button button--small button--quiet"
                  onClick={() => setRows((list) => list.filter((x) => x.key !== r.key))}
                >
                  {s.availabilityRemove}
                </button>
              </li>
            ))}
          </ul>
          <div className="availability-form__actions">
            <button
              type="button"
              className="button button--quiet"
              onClick={() =>
                setRows((list) => [
                  ...list,
                  { key: nextKey++, date: list.at(-1)?.date ?? minDate ?? '', from: '09:00', to: '12:00' },
                ])
              }
            >
              {s.availabilityAdd}
            </button>
            <button type="submit" className="button button--primary" disabled={saving || !boothId}>
              {s.availabilitySave}
            </button>
          </div>
          {message && (
            <p className={message.ok ? 'availability-saved' : 'form-alert'} role="status">
              {message.text}
            </p>
          )}
        </form>
      )}
      {view && boothId && <InviteForm boothId={boothId} zone={zone} language={language} s={s} version={savedVersion} />}
    </main>
  );
}

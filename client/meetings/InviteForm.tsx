/**
 * Staff invite someone to one of their own free times at a booth: by an account's email or by account id (as a
 * chat message's author gives it). The invitee answers in "My meetings".
 */
import { useEffect, useId, useState } from 'react';
import type { SlotView } from '../../shared/meetings';
import { toApiError } from '../net/ApiError';
import { fetchOwnSlots, inviteToMeeting } from '../net/meetings';
import { fill, formatWhen, type MeetingStrings } from './meeting-strings';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function InviteForm(props: {
  boothId: string;
  zone: string;
  language: string;
  s: MeetingStrings;
  /** Changes when the windows were saved, so the free times are fetched again. */
  version: number;
}) {
  const { boothId, zone, language, s, version } = props;
  const ids = useId();
  const [slots, setSlots] = useState<SlotView[] | null>(null);
  const [who, setWho] = useState('');
  const [slot, setSlot] = useState('');
  const [agenda, setAgenda] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    void version;
    fetchOwnSlots(boothId, controller.signal)
      .then((list) => {
        setSlots(list);
        setSlot(list[0]?.startsAt ?? '');
      })
      .catch(() => {
        if (!controller.signal.aborted) setSlots([]);
      });
    return () => controller.abort();
  }, [boothId, version]);

  async function send() {
    const chosen = slots?.find((x) => x.startsAt === slot);
    if (!chosen) return;
    const text = who.trim();
    setMessage(null);
    try {
      const meeting = await inviteToMeeting({
        boothId,
        ...chosen,
        invitee: UUID.test(text) ? { accountId: text } : { email: text },
        agenda,
      });
      setMessage({ ok: true, text: fill(s.inviteSent, { name: meeting.guest.displayName }) });
      setWho('');
      setAgenda('');
      setSlots((list) => list?.filter((x) => x.startsAt !== chosen.startsAt) ?? null);
    } catch (err) {
      setMessage({ ok: false, text: fill(s.failed, { message: toApiError(err).message }) });
    }
  }

  return (
    <form
      className="invite-form"
      onSubmit={(e) => {
        e.preventDefault();
        void send();
      }}
    >
      <h2>{s.inviteTitle}</h2>
      {slots?.length === 0 && <p>{s.inviteNoSlots}</p>}
      <div className="field">
        <label htmlFor={`${ids}-who`}>{s.inviteWho}</label>
        <input id={`${ids}-who`} required value={who} onChange={(e) => setWho(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={`${ids}-slot`}>{s.inviteSlot}</label>
        <select id={`${ids}-slot`} value={slot} onChange={(e) => setSlot(e.target.value)}>
          {slots?.map((x) => (
            <option key={x.startsAt} value={x.startsAt}>
              {formatWhen(x.startsAt, zone, language)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${ids}-agenda`}>{s.inviteAgenda}</label>
        <input id={`${ids}-agenda`} maxLength={500} value={agenda} onChange={(e) => setAgenda(e.target.value)} />
      </div>
      <button type="submit" className="button button--primary" disabled={!slots?.length}>
        {s.inviteSend}
      </button>
      {message && (
        <p className={message.ok ? 'availability-saved' : 'form-alert'} role="status">
          {message.text}
        </p>
      )}
    </form>
  );
}

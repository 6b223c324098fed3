/**
 * For a booth with no staff online: the next free meeting time in the viewer's zone (with the staff member's own
 * time beside it) and a link to book. The booth panel shows it beside "leave a message".
 */
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import type { SlotView, StaffSlotsView } from '../../shared/meetings';
import { fetchBoothSlots } from '../net/meetings';
import { useSessionStore } from '../state/session';
import { useUiStore } from '../state/ui';
import { TheirTime } from './BoothMeetingSlots';
import './meetings.css';
import { formatWhen, meetingStringsFor, viewerTimeZone } from './meeting-strings';

export function NextFreeSlot({ boothId, boothSlug }: { boothId: string; boothSlug: string }) {
  const language = useUiStore((st) => st.language);
  const account = useSessionStore((st) => st.account);
  const s = meetingStringsFor(language);
  const zone = viewerTimeZone(account?.timeZone);
  const [next, setNext] = useState<{ staff: StaffSlotsView; slot: SlotView } | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    fetchBoothSlots(boothId, controller.signal)
      .then((view) => {
        const all = view.staff.flatMap((staff) => staff.slots.map((slot) => ({ staff, slot })));
        all.sort((a, b) => Date.parse(a.slot.startsAt) - Date.parse(b.slot.startsAt));
        setNext(all[0] ?? null);
      })
      .catch(() => setNext(null));
    return () => controller.abort();
  }, [boothId]);

  if (!next) return null;
  return (
    <div className="next-free-slot">
      <p>
        <strong>{formatWhen(next.slot.startsAt, zone, language)}</strong>{' '}
        <TheirTime
          instant={next.slot.startsAt}
          theirZone={next.staff.timeZone}
          viewerZone={zone}
          name={next.staff.displayName}
          s={s}
          language={language}
        />
      </p>
      <Link className="button button--small button--primary" to={`/booths/${boothSlug}/meet`}>
        {s.bookTitle}
      </Link>
    </div>
  );
}

/**
 * In-app meeting reminders (10 and 1 minutes before): the server sends them to the person's connections; this shows
 * each as a dismissable notice with Join. Mount once in the app frame.
 */
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { getRealtimeSocket } from '../net/socket';
import { useConnectionStore } from '../state/connection';
import { useUiStore } from '../state/ui';
import { fill, meetingStringsFor } from './meeting-strings';
import './meetings.css';

interface Reminder {
  meetingId: string;
  minutesBefore: number;
  withName: string;
}

export function MeetingReminders() {
  const language = useUiStore((st) => st.language);
  const connectionId = useConnectionStore((st) => st.connectionId);
  const [reminders, setReminders] = useState<Reminder[]>([]);
  const s = meetingStringsFor(language);

  useEffect(() => {
    const socket = getRealtimeSocket();
    if (!socket || !connectionId) return;
    const onReminder = (r: Reminder) => setReminders((list) => [...list.filter((x) => x.meetingId !== r.meetingId), r]);
    socket.on('meeting:reminder', onReminder);
    return () => {
      socket.off('meeting:reminder', onReminder);
    };
  }, [connectionId]);

  if (reminders.length === 0) return null;
  return (
    <div className="meeting-reminders" role="status" aria-live="polite">
      {reminders.map((r) => (
        <div key={r.meetingId} className="meeting-reminder">
          <span>{fill(s.reminder, { name: r.withName, minutes: r.minutesBefore })}</span>
          {r.minutesBefore <= 5 && (
            <Link className="button button--small button--primary" to={`/meetings/${r.meetingId}/call`}>
              {s.join}
            </Link>
          )}
          <button
            type="button"
            className="button button--small button--quiet"
            onClick={() => setReminders((list) => list.filter((x) => x.meetingId !== r.meetingId))}
          >
            {s.dismiss}
          </button>
        </div>
      ))}
    </div>
  );
}

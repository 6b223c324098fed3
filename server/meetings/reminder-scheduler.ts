/**
 * In-app reminders 10 and 1 minutes before a meeting. A timer checks upcoming booked meetings every few seconds;
 * each reminder is claimed with one conditional UPDATE, so with several processes (Redis) each is sent once.
 * A meeting booked 7 minutes ahead gets its 10-minute reminder at once. `stop()` ends the timer.
 */
import { and, eq, gt, isNull, lte, or } from 'drizzle-orm';
import { REMINDER_MINUTES } from '../../shared/meetings';
import type { Db } from '../db/database';
import { accounts, meetings } from '../db/schema';
import type { Logger } from '../log';

export interface Reminder {
  meetingId: string;
  accountId: string;
  startsAt: string;
  minutesBefore: number;
  withName: string;
}

export interface ReminderDeps {
  db: Db;
  log: Logger;
  now: () => number;
  send: (reminder: Reminder) => void;
  intervalMs?: number;
}

const MINUTE = 60_000;

export function startReminderScheduler(deps: ReminderDeps): { stop(): Promise<void>; tick(): Promise<number> } {
  const interval = deps.intervalMs ?? 5_000;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let running: Promise<number> | undefined;

  async function tick(): Promise<number> {
    const now = deps.now();
    const horizon = new Date(now + Math.max(...REMINDER_MINUTES) * MINUTE);
    const due = await deps.db
      .select({
        id: meetings.id,
        hostId: meetings.hostId,
        guestId: meetings.guestId,
        startsAt: meetings.startsAt,
        lastReminder: meetings.lastReminder,
      })
      .from(meetings)
      .where(and(eq(meetings.status, 'booked'), gt(meetings.startsAt, new Date(now)), lte(meetings.startsAt, horizon)));
    let sent = 0;
    for (const m of due) {
      const left = m.startsAt.getTime() - now;
      // The closest reminder whose moment has come, e.g. 1 when 50 s are left.
      const minutes = Math.min(...REMINDER_MINUTES.filter((r) => left <= r * MINUTE));
      if (m.lastReminder !== null && m.lastReminder <= minutes) continue;
      const claimed = await deps.db
        .update(meetings)
        .set({ lastReminder: minutes })
        .where(
          and(
            eq(meetings.id, m.id),
            eq(meetings.status, 'booked'),
            or(isNull(meetings.lastReminder), gt(meetings.lastReminder, minutes)),
          ),
        )
        .returning({ id: meetings.id });
      if (claimed.length === 0) continue;
      const people = await deps.db
        .select({ id: accounts.id, name: accounts.displayName })
        .from(accounts)
        .where(or(eq(accounts.id, m.hostId), eq(accounts.id, m.guestId)));
      const nameOf = (id: string) => people.find((p) => p.id === id)?.name ?? '';
      for (const [me, other] of [
        [m.hostId, m.guestId],
        [m.guestId, m.hostId],
      ] as const) {
        deps.send({
          meetingId: m.id,
          accountId: me,
          startsAt: m.startsAt.toISOString(),
          minutesBefore: minutes,
          withName: nameOf(other),
        });
      }
      sent++;
    }
    return sent;
  }

  const loop = () => {
    if (stopped) return;
    running = tick()
      .catch((err) => {
        deps.log.warn({ err }, 'meeting reminders failed');
        return 0;
      })
      .finally(() => {
        running = undefined;
        if (!stopped) timer = setTimeout(loop, interval);
      });
  };
  timer = setTimeout(loop, 0);

  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
    /** Runs one check now (tests; a booking close to its start). */
    tick: () => running ?? tick(),
  };
}

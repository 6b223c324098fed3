import { addDays, localDateOf, zonedToInstant } from '../../shared/time-zones';

/** The whole local days of the expo, 07:00–23:00 expo time: overseas delegates meet across many zones. */
export function defaultMeetingPolicy(expo: { id: string; startsAt: Date; endsAt: Date; timeZone: string }) {
  const first = localDateOf(expo.startsAt, expo.timeZone);
  const last = localDateOf(expo.endsAt, expo.timeZone);
  return {
    expoId: expo.id,
    opensAt: new Date(zonedToInstant({ ...first, hour: 0, minute: 0 }, expo.timeZone)),
    closesAt: new Date(zonedToInstant({ ...addDays(last, 1), hour: 0, minute: 0 }, expo.timeZone)),
    dayStartMinute: 7 * 60,
    dayEndMinute: 23 * 60,
  };
}

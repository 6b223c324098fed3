/**
 * Free meeting slots: pure maths over instants (milliseconds since the epoch), shared by the server (which
 * decides) and the client (which shows). Staff publish windows in their own zone; the windows arrive here as
 * instants, so a slot is always exactly `slotMinutes` long in real time, daylight-saving change or not.
 */
import { addDays, localParts, zonedToInstant } from './time-zones';

export interface Interval {
  startsAt: number;
  endsAt: number;
}

/** A window in which a staff member takes meetings of `slotMinutes`, with `bufferMinutes` free after each. */
export interface AvailabilityWindow extends Interval {
  slotMinutes: number;
  bufferMinutes: number;
}

/** The organiser's meeting hours: a period (the expo days) and daily hours in the expo's zone. */
export interface MeetingHours {
  timeZone: string;
  /** Minutes after local midnight, 0–1440. */
  dayStartMinute: number;
  dayEndMinute: number;
  opensAt: number;
  closesAt: number;
}

export interface Slot extends Interval {
  /** How long the host keeps free after it (the hold the booking takes ends at endsAt + buffer). */
  bufferMinutes: number;
}

export interface FreeSlotInput {
  windows: readonly AvailabilityWindow[];
  hours: MeetingHours;
  /** The host's holds (meetings with their buffers), and the viewer's own meetings. */
  busy: readonly Interval[];
  now: number;
  /** A slot must start at least this long after `now`. */
  leadMinutes?: number;
}

const MINUTE = 60_000;

export const overlaps = (a: Interval, b: Interval) => a.startsAt < b.endsAt && b.startsAt < a.endsAt;

/** The interval the host is held for by a meeting in this slot: the meeting and the buffer after it. */
export function holdOf(slot: Interval & { bufferMinutes: number }): Interval {
  return { startsAt: slot.startsAt, endsAt: slot.endsAt + slot.bufferMinutes * MINUTE };
}

/** The daily meeting hours (as instants) of the local day in the expo's zone that contains `instant`. */
export function meetingDayOf(instant: number, hours: MeetingHours): Interval {
  const p = localParts(instant, hours.timeZone);
  const day = { year: p.year, month: p.month, day: p.day };
  const at = (minute: number) => {
    const d = minute >= 1440 ? addDays(day, 1) : day;
    const m = minute % 1440;
    return zonedToInstant({ ...d, hour: Math.floor(m / 60), minute: m % 60 }, hours.timeZone);
  };
  return { startsAt: at(hours.dayStartMinute), endsAt: at(hours.dayEndMinute) };
}

/** Whether a meeting fits the organiser's hours: inside the period and inside one day's hours. */
export function withinMeetingHours(slot: Interval, hours: MeetingHours): boolean {
  if (slot.startsAt < hours.opensAt || slot.endsAt > hours.closesAt) return false;
  // Round-the-clock hours: days join up, so a meeting may run past midnight.
  if (hours.dayStartMinute === 0 && hours.dayEndMinute >= 1440) return true;
  const day = meetingDayOf(slot.startsAt, hours);
  return slot.startsAt >= day.startsAt && slot.endsAt <= day.endsAt;
}

/**
 * The slots still free, earliest first: each window is cut into `slotMinutes` meetings followed by
 * `bufferMinutes`, from the window's start; a slot is dropped when it leaves the meeting hours, starts too soon,
 * or its hold meets something busy. Overlapping windows never yield overlapping slots.
 */
export function freeSlots(input: FreeSlotInput): Slot[] {
  const earliest = input.now + (input.leadMinutes ?? 0) * MINUTE;
  const candidates: Slot[] = [];
  for (const w of input.windows) {
    const length = w.slotMinutes * MINUTE;
    const step = (w.slotMinutes + w.bufferMinutes) * MINUTE;
    if (length <= 0) continue;
    for (let s = w.startsAt; s + length <= w.endsAt; s += step) {
      const slot: Slot = { startsAt: s, endsAt: s + length, bufferMinutes: w.bufferMinutes };
      if (s < earliest || !withinMeetingHours(slot, input.hours)) continue;
      const hold = holdOf(slot);
      if (input.busy.some((b) => overlaps(b, hold))) continue;
      candidates.push(slot);
    }
  }
  candidates.sort((a, b) => a.startsAt - b.startsAt || a.endsAt - b.endsAt);
  const out: Slot[] = [];
  for (const c of candidates) {
    const last = out.at(-1);
    if (last && overlaps(holdOf(last), holdOf(c))) continue;
    out.push(c);
  }
  return out;
}

/** The free slot that starts and ends exactly here, if any (a booking must name one). */
export function findFreeSlot(input: FreeSlotInput, wanted: Interval): Slot | undefined {
  return freeSlots(input).find((s) => s.startsAt === wanted.startsAt && s.endsAt === wanted.endsAt);
}

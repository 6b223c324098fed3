/**
 * Free-slot maths across time zones, including the days Berlin and New York change their clocks in 2026
 * (US: 8 March and 1 November; EU: 29 March and 25 October). Properties with fast-check, then worked examples.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type AvailabilityWindow,
  freeSlots,
  holdOf,
  type Interval,
  type MeetingHours,
  overlaps,
  withinMeetingHours,
} from '../../shared/meeting-slots';
import { addDays, type LocalDateTime, localParts, offsetMs, zonedToInstant } from '../../shared/time-zones';

const ZONES = ['Asia/Tokyo', 'Europe/Berlin', 'America/New_York', 'Asia/Bangkok'] as const;
const DST_DAYS = ['2026-03-08', '2026-03-29', '2026-10-25', '2026-11-01'] as const;
const DAYS = [...DST_DAYS, '2026-03-07', '2026-03-28', '2026-10-24', '2026-10-31', '2026-12-08', '2026-07-01'];
const MINUTE = 60_000;

const date = (text: string) => {
  const [year, month, day] = text.split('-').map(Number) as [number, number, number];
  return { year, month, day };
};

/** Meeting hours open around the clock for the whole year, so only the windows decide. */
const allDay = (timeZone: string): MeetingHours => ({
  timeZone,
  dayStartMinute: 0,
  dayEndMinute: 1440,
  opensAt: Date.UTC(2026, 0, 1),
  closesAt: Date.UTC(2027, 0, 1),
});

const arbLocal = fc.record({
  day: fc.constantFrom(...DAYS),
  minute: fc.integer({ min: 0, max: 1439 }),
});

const arbWindow = fc
  .record({
    zone: fc.constantFrom(...ZONES),
    day: fc.constantFrom(...DAYS),
    fromMinute: fc.integer({ min: 0, max: 22 * 60 }).map((m) => m - (m % 15)),
    lengthMinutes: fc.integer({ min: 30, max: 10 * 60 }),
    slotMinutes: fc.constantFrom(15, 20, 30, 45, 60),
    bufferMinutes: fc.constantFrom(0, 5, 10, 15),
  })
  .map((w): AvailabilityWindow & { zone: string } => {
    const d = date(w.day);
    const startsAt = zonedToInstant({ ...d, hour: Math.floor(w.fromMinute / 60), minute: w.fromMinute % 60 }, w.zone);
    return {
      zone: w.zone,
      startsAt,
      endsAt: startsAt + w.lengthMinutes * MINUTE,
      slotMinutes: w.slotMinutes,
      bufferMinutes: w.bufferMinutes,
    };
  });

describe('local time ↔ instant', () => {
  it('an instant read as local time and converted back is the same instant, or the earlier one showing that time', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ZONES),
        fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2027, 0, 1) }),
        (zone, t) => {
          const instant = t - (t % MINUTE);
          const back = zonedToInstant(localParts(instant, zone), zone);
          if (back !== instant) {
            // Only in the hour that repeats when clocks go back: same wall time, one hour earlier.
            expect(instant - back).toBe(3_600_000);
            expect(localParts(back, zone)).toEqual(localParts(instant, zone));
          }
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('a local time shows that local time again, or lies in a spring-forward gap and moves forward by it', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ZONES), arbLocal, (zone, { day, minute }) => {
        const local: LocalDateTime = { ...date(day), hour: Math.floor(minute / 60), minute: minute % 60 };
        const instant = zonedToInstant(local, zone);
        const back = localParts(instant, zone);
        const wall = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute);
        const shown = Date.UTC(back.year, back.month - 1, back.day, back.hour, back.minute);
        const gap = offsetMs(instant, zone) - offsetMs(instant - 86_400_000, zone);
        expect(shown === wall || (gap > 0 && shown - wall === gap)).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it('a local time that occurs twice (clocks go back) is its earlier occurrence', () => {
    // 01:30 on 1 November in New York is first EDT (05:30Z), then EST (06:30Z).
    expect(
      new Date(zonedToInstant({ ...date('2026-11-01'), hour: 1, minute: 30 }, 'America/New_York')).toISOString(),
    ).toBe('2026-11-01T05:30:00.000Z');
    // 02:30 on 25 October in Berlin is first CEST (00:30Z), then CET (01:30Z).
    expect(
      new Date(zonedToInstant({ ...date('2026-10-25'), hour: 2, minute: 30 }, 'Europe/Berlin')).toISOString(),
    ).toBe('2026-10-25T00:30:00.000Z');
  });

  it('a local time in the spring-forward gap moves forward by the hour that does not exist', () => {
    // 02:30 on 8 March in New York does not exist; 03:30 EDT is 07:30Z.
    expect(
      new Date(zonedToInstant({ ...date('2026-03-08'), hour: 2, minute: 30 }, 'America/New_York')).toISOString(),
    ).toBe('2026-03-08T07:30:00.000Z');
    expect(
      new Date(zonedToInstant({ ...date('2026-03-29'), hour: 2, minute: 15 }, 'Europe/Berlin')).toISOString(),
    ).toBe('2026-03-29T01:15:00.000Z');
  });
});

describe('free slots', () => {
  const busyArb = fc.array(
    fc.record({ at: fc.integer({ min: 0, max: 20 * 60 }), len: fc.integer({ min: 5, max: 120 }) }),
    { maxLength: 5 },
  );

  it('every slot is exactly its length in real time, inside its window, on its grid, clear of busy time and of each other', () => {
    fc.assert(
      fc.property(fc.array(arbWindow, { minLength: 1, maxLength: 4 }), busyArb, (windows, busyRaw) => {
        const base = Math.min(...windows.map((w) => w.startsAt));
        const busy: Interval[] = busyRaw.map((b) => ({
          startsAt: base + b.at * MINUTE,
          endsAt: base + (b.at + b.len) * MINUTE,
        }));
        const slots = freeSlots({ windows, hours: allDay('Asia/Tokyo'), busy, now: 0 });
        for (const [i, s] of slots.entries()) {
          const w = windows.find(
            (w) =>
              s.startsAt >= w.startsAt &&
              s.endsAt <= w.endsAt &&
              (s.startsAt - w.startsAt) % ((w.slotMinutes + w.bufferMinutes) * MINUTE) === 0 &&
              s.endsAt - s.startsAt === w.slotMinutes * MINUTE,
          );
          expect(w, 'slot belongs to a window, on its grid, of its length').toBeDefined();
          expect(busy.some((b) => overlaps(b, holdOf(s)))).toBe(false);
          if (i > 0) expect(overlaps(holdOf(slots[i - 1]!), holdOf(s))).toBe(false);
          if (i > 0) expect(slots[i - 1]!.startsAt).toBeLessThan(s.startsAt);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('with nothing busy, a lone window offers every grid slot that fits', () => {
    fc.assert(
      fc.property(arbWindow, (w) => {
        const slots = freeSlots({ windows: [w], hours: allDay(w.zone), busy: [], now: 0 });
        const step = (w.slotMinutes + w.bufferMinutes) * MINUTE;
        const fits = Math.floor((w.endsAt - w.startsAt - w.slotMinutes * MINUTE) / step) + 1;
        expect(slots.length).toBe(Math.max(0, fits));
      }),
      { numRuns: 500 },
    );
  });

  it("slots stay inside the organiser's daily hours in the expo's zone, whatever the staff member's zone", () => {
    fc.assert(
      fc.property(
        arbWindow,
        fc.constantFrom(...ZONES),
        fc.integer({ min: 0, max: 12 * 60 }),
        fc.integer({ min: 1, max: 12 * 60 }),
        (w, expoZone, dayStart, span) => {
          const hours: MeetingHours = {
            ...allDay(expoZone),
            dayStartMinute: dayStart,
            dayEndMinute: Math.min(1440, dayStart + span),
          };
          const slots = freeSlots({ windows: [w], hours, busy: [], now: 0 });
          for (const s of slots) {
            expect(withinMeetingHours(s, hours)).toBe(true);
            // The local day's opening and closing instants, computed independently of the slot maths.
            const p = localParts(s.startsAt, expoZone);
            const at = (m: number) =>
              m >= 1440
                ? zonedToInstant({ ...addDays(p, 1), hour: 0, minute: 0 }, expoZone)
                : zonedToInstant({ ...p, hour: Math.floor(m / 60), minute: m % 60 }, expoZone);
            expect(s.startsAt).toBeGreaterThanOrEqual(at(hours.dayStartMinute));
            expect(s.endsAt).toBeLessThanOrEqual(at(hours.dayEndMinute));
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('no slot starts before now', () => {
    fc.assert(
      fc.property(arbWindow, fc.integer({ min: 0, max: 12 * 60 }), (w, after) => {
        const now = w.startsAt + after * MINUTE;
        for (const s of freeSlots({ windows: [w], hours: allDay(w.zone), busy: [], now })) {
          expect(s.startsAt).toBeGreaterThanOrEqual(now);
        }
      }),
    );
  });
});

describe('worked examples on clock-change days', () => {
  const windowOf = (zone: string, day: string, from: number, to: number, slot = 60, buffer = 0) => {
    const d = date(day);
    const startsAt = zonedToInstant({ ...d, hour: from, minute: 0 }, zone);
    const endDay = to >= 24 ? addDays(d, 1) : d;
    const endsAt = zonedToInstant({ ...endDay, hour: to % 24, minute: 0 }, zone);
    return { startsAt, endsAt, slotMinutes: slot, bufferMinutes: buffer };
  };
  const labels = (zone: string, slots: Interval[]) =>
    slots.map((s) => {
      const p = localParts(s.startsAt, zone);
      return `${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`;
    });

  it('New York 00:00–06:00 on 8 March is five real hours: five hourly slots, and no 02:00', () => {
    const w = windowOf('America/New_York', '2026-03-08', 0, 6);
    expect((w.endsAt - w.startsAt) / 3_600_000).toBe(5);
    const slots = freeSlots({ windows: [w], hours: allDay('America/New_York'), busy: [], now: 0 });
    expect(labels('America/New_York', slots)).toEqual(['00:00', '01:00', '03:00', '04:00', '05:00']);
  });

  it('Berlin 00:00–06:00 on 25 October is seven real hours: 02:00 comes twice', () => {
    const w = windowOf('Europe/Berlin', '2026-10-25', 0, 6);
    expect((w.endsAt - w.startsAt) / 3_600_000).toBe(7);
    const slots = freeSlots({ windows: [w], hours: allDay('Europe/Berlin'), busy: [], now: 0 });
    expect(labels('Europe/Berlin', slots)).toEqual(['00:00', '01:00', '02:00', '02:00', '03:00', '04:00', '05:00']);
  });

  it('a Berlin 09:00 slot shows at 17:00 in Tokyo before 29 March and at 16:00 from that day', () => {
    const before = windowOf('Europe/Berlin', '2026-03-28', 9, 10, 30);
    const after = windowOf('Europe/Berlin', '2026-03-29', 9, 10, 30);
    expect(labels('Asia/Tokyo', [before])).toEqual(['17:00']);
    expect(labels('Asia/Tokyo', [after])).toEqual(['16:00']);
    expect(labels('Asia/Bangkok', [after])).toEqual(['14:00']);
  });

  it('a New York 09:00 slot on 1 November (EST again) is 23:00 in Tokyo; a week earlier it was 22:00', () => {
    const onTheDay = windowOf('America/New_York', '2026-11-01', 9, 10, 30);
    const weekBefore = windowOf('America/New_York', '2026-10-25', 9, 10, 30);
    expect(labels('Asia/Tokyo', [onTheDay])).toEqual(['23:00']);
    expect(labels('Asia/Tokyo', [weekBefore])).toEqual(['22:00']);
    expect(new Date(onTheDay.startsAt).toISOString()).toBe('2026-11-01T14:00:00.000Z');
  });

  it('30-minute slots with a 10-minute buffer across the New York spring-forward keep 40-minute steps', () => {
    const w = windowOf('America/New_York', '2026-03-08', 1, 4, 30, 10);
    const slots = freeSlots({ windows: [w], hours: allDay('America/New_York'), busy: [], now: 0 });
    // 01:00–04:00 local that day is 2 real hours: 01:00, 01:40, then 03:20 EDT (02:20 EST would not exist).
    expect(labels('America/New_York', slots)).toEqual(['01:00', '01:40', '03:20']);
    for (const s of slots) expect(s.endsAt - s.startsAt).toBe(30 * MINUTE);
  });
});

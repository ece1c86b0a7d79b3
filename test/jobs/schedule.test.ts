import { describe, expect, it } from 'vitest';

import {
  DEFAULT_WORKING_HOURS,
  isSendableAt,
  isValidTimeZone,
  localParts,
  nextDailyRun,
  nextSendableAt,
  nextWeeklyRun,
  planRun,
  remainingWeeklyQuota,
  startOfLocalWeek,
  zonedInstant,
  type WorkingHours,
} from '../../src/domain/schedule.js';

const iso = (date: Date | null) => date?.toISOString();

describe('nextWeeklyRun', () => {
  it('runs Monday 09:00 Paris in winter at 08:00 UTC', () => {
    const next = nextWeeklyRun({ dayOfWeek: 1, localTime: '09:00', timeZone: 'Europe/Paris' }, new Date('2026-03-20T12:00:00Z'));
    expect(iso(next)).toBe('2026-03-23T08:00:00.000Z');
  });

  it('follows Paris into summer time after the March change', () => {
    const next = nextWeeklyRun({ dayOfWeek: 1, localTime: '09:00', timeZone: 'Europe/Paris' }, new Date('2026-03-23T08:00:00Z'));
    expect(iso(next)).toBe('2026-03-30T07:00:00.000Z');
  });

  it('follows London back to winter time after the October change', () => {
    const slot = { dayOfWeek: 1, localTime: '09:00', timeZone: 'Europe/London' };
    const beforeChange = nextWeeklyRun(slot, new Date('2026-10-12T12:00:00Z'));
    expect(iso(beforeChange)).toBe('2026-10-19T08:00:00.000Z');
    const afterChange = nextWeeklyRun(slot, beforeChange);
    expect(iso(afterChange)).toBe('2026-10-26T09:00:00.000Z');
  });

  it('follows New York across its November change', () => {
    const slot = { dayOfWeek: 1, localTime: '09:00', timeZone: 'America/New_York' };
    expect(iso(nextWeeklyRun(slot, new Date('2026-10-27T00:00:00Z')))).toBe('2026-11-02T14:00:00.000Z');
    expect(iso(nextWeeklyRun(slot, new Date('2026-10-20T00:00:00Z')))).toBe('2026-10-26T13:00:00.000Z');
  });

  it('follows New York across its March change', () => {
    const slot = { dayOfWeek: 1, localTime: '09:00', timeZone: 'America/New_York' };
    expect(iso(nextWeeklyRun(slot, new Date('2026-03-03T00:00:00Z')))).toBe('2026-03-09T13:00:00.000Z');
    expect(iso(nextWeeklyRun(slot, new Date('2026-03-01T00:00:00Z')))).toBe('2026-03-02T14:00:00.000Z');
  });

  it('runs a slot skipped by spring-forward once, just after the change', () => {
    const slot = { dayOfWeek: 0, localTime: '02:30', timeZone: 'Europe/Paris' };
    const next = nextWeeklyRun(slot, new Date('2026-03-28T00:00:00Z'));
    expect(iso(next)).toBe('2026-03-29T01:00:00.000Z');
    const following = nextWeeklyRun(slot, next);
    expect(iso(following)).toBe('2026-04-05T00:30:00.000Z');
  });

  it('runs a slot repeated by fall-back once', () => {
    const slot = { dayOfWeek: 0, localTime: '01:30', timeZone: 'America/New_York' };
    const first = nextWeeklyRun(slot, new Date('2026-10-31T00:00:00Z'));
    expect(iso(first)).toBe('2026-11-01T05:30:00.000Z');
    const second = nextWeeklyRun(slot, first);
    expect(iso(second)).toBe('2026-11-08T06:30:00.000Z');
  });

  it('rejects an invalid time zone', () => {
    expect(() => nextWeeklyRun({ dayOfWeek: 1, localTime: '09:00', timeZone: 'Mars/Olympus' }, new Date())).toThrow(RangeError);
  });

  it('rejects an invalid time', () => {
    expect(() => nextWeeklyRun({ dayOfWeek: 1, localTime: '25:00', timeZone: 'UTC' }, new Date())).toThrow(RangeError);
  });
});

describe('nextDailyRun', () => {
  it('keeps 07:00 local on both sides of the Paris October change', () => {
    expect(iso(nextDailyRun('07:00', 'Europe/Paris', new Date('2026-10-24T06:00:00Z')))).toBe('2026-10-25T06:00:00.000Z');
    expect(iso(nextDailyRun('07:00', 'Europe/Paris', new Date('2026-10-23T06:00:00Z')))).toBe('2026-10-24T05:00:00.000Z');
  });
});

describe('planRun', () => {
  const slot = { dayOfWeek: 1, localTime: '09:00', timeZone: 'Europe/Paris' };
  const nextAfter = (after: Date) => nextWeeklyRun(slot, after);

  it('is not due before the stored time', () => {
    const decision = planRun(new Date('2026-11-02T08:00:00Z'), new Date('2026-11-02T07:59:00Z'), nextAfter);
    expect(decision.due).toBe(false);
  });

  it('is due at the stored time and moves a week on', () => {
    const decision = planRun(new Date('2026-11-02T08:00:00Z'), new Date('2026-11-02T08:00:30Z'), nextAfter);
    expect(decision.due).toBe(true);
    expect(iso(decision.nextRunAt)).toBe('2026-11-09T08:00:00.000Z');
    expect(decision.skippedSlots).toBe(0);
  });

  it('catches up three missed weeks with one run', () => {
    const decision = planRun(new Date('2026-11-02T08:00:00Z'), new Date('2026-11-25T10:00:00Z'), nextAfter);
    expect(decision.due).toBe(true);
    expect(decision.skippedSlots).toBe(3);
    expect(iso(decision.nextRunAt)).toBe('2026-11-30T08:00:00.000Z');
  });
});

describe('working hours', () => {
  const hours: WorkingHours = { days: [1, 2, 3, 4, 5], start: '09:00', end: '18:00', quiet: [{ start: '12:00', end: '14:00' }] };

  it('sends on a Paris working morning', () => {
    expect(isSendableAt(new Date('2026-12-01T09:30:00Z'), hours, 'Europe/Paris')).toBe(true);
  });

  it('holds back during the quiet lunch window', () => {
    expect(isSendableAt(new Date('2026-12-01T11:30:00Z'), hours, 'Europe/Paris')).toBe(false);
  });

  it('holds back on a Saturday', () => {
    expect(isSendableAt(new Date('2026-12-05T10:00:00Z'), hours, 'Europe/Paris')).toBe(false);
  });

  it('defers a Friday evening request to Monday 09:00 local', () => {
    const next = nextSendableAt(new Date('2026-12-04T19:00:00Z'), hours, 'America/New_York');
    expect(iso(next)).toBe('2026-12-04T19:00:00.000Z');
    const late = nextSendableAt(new Date('2026-12-04T23:30:00Z'), hours, 'America/New_York');
    expect(iso(late)).toBe('2026-12-07T14:00:00.000Z');
  });

  it('defers a lunch-time request to the end of the quiet window', () => {
    const next = nextSendableAt(new Date('2026-12-01T11:15:00Z'), hours, 'Europe/Paris');
    expect(iso(next)).toBe('2026-12-01T13:00:00.000Z');
  });

  it('opens at 09:00 London on the Monday after the March change', () => {
    const next = nextSendableAt(new Date('2026-03-28T12:00:00Z'), DEFAULT_WORKING_HOURS, 'Europe/London');
    expect(iso(next)).toBe('2026-03-30T08:00:00.000Z');
  });

  it('supports a quiet window across midnight', () => {
    const night: WorkingHours = { days: [0, 1, 2, 3, 4, 5, 6], start: '00:00', end: '23:59', quiet: [{ start: '20:00', end: '08:00' }] };
    expect(isSendableAt(new Date('2026-12-01T06:00:00Z'), night, 'Europe/Paris')).toBe(false);
    expect(iso(nextSendableAt(new Date('2026-12-01T06:00:00Z'), night, 'Europe/Paris'))).toBe('2026-12-01T07:00:00.000Z');
  });

  it('returns null when no day is a working day', () => {
    expect(nextSendableAt(new Date('2026-12-01T06:00:00Z'), { ...hours, days: [] }, 'UTC')).toBeNull();
  });
});

describe('local calendar', () => {
  it('reads Paris wall-clock time', () => {
    expect(localParts(new Date('2026-07-01T10:15:00Z'), 'Europe/Paris')).toEqual({ year: 2026, month: 7, day: 1, weekday: 3, hour: 12, minute: 15 });
  });

  it('maps a skipped local time past the gap', () => {
    expect(iso(zonedInstant({ year: 2026, month: 3, day: 29 }, 150, 'Europe/Paris'))).toBe('2026-03-29T01:30:00.000Z');
  });

  it('maps a repeated local time to its first occurrence', () => {
    expect(iso(zonedInstant({ year: 2026, month: 11, day: 1 }, 90, 'America/New_York'))).toBe('2026-11-01T05:30:00.000Z');
  });

  it('starts the week on Monday midnight local', () => {
    expect(iso(startOfLocalWeek(new Date('2026-12-06T22:30:00Z'), 'Europe/Paris'))).toBe('2026-11-29T23:00:00.000Z');
    expect(iso(startOfLocalWeek(new Date('2026-12-06T23:30:00Z'), 'Europe/Paris'))).toBe('2026-12-06T23:00:00.000Z');
  });

  it('knows real time zones only', () => {
    expect(isValidTimeZone('Europe/Paris')).toBe(true);
    expect(isValidTimeZone('Paris')).toBe(false);
  });

  it('caps the weekly quota at zero', () => {
    expect(remainingWeeklyQuota(3, 1)).toBe(2);
    expect(remainingWeeklyQuota(3, 5)).toBe(0);
  });
});

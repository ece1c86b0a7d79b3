// Schedule arithmetic for proactive messages: weekly and daily run times in a time zone across
// daylight-saving changes, working and quiet hours, weekly caps, and catch-up after downtime.
// Pure: no I/O and no clock, every function takes the instant it reasons about.
import { Cron } from 'croner';

const MINUTES_PER_DAY = 24 * 60;
const MS_PER_MINUTE = 60_000;
const WEEKDAY_INDEX: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };

export interface WeeklySlot {
  /** 0 Sunday … 6 Saturday, as in cron. */
  dayOfWeek: number;
  /** Local wall-clock time, HH:MM on 24 hours. */
  localTime: string;
  /** IANA time zone name, such as Europe/Paris. */
  timeZone: string;
}

/** A daily window of local time; `end` before `start` means the window crosses midnight. */
export interface TimeWindow {
  start: string;
  end: string;
}

export interface WorkingHours {
  /** Working days, 0 Sunday … 6 Saturday. */
  days: number[];
  /** Working window; must not cross midnight. */
  start: string;
  end: string;
  /** Windows inside or across the working day when nothing is sent, such as a lunch break. */
  quiet: TimeWindow[];
}

export const DEFAULT_WORKING_HOURS: WorkingHours = { days: [1, 2, 3, 4, 5], start: '09:00', end: '18:00', quiet: [] };

export interface LocalParts {
  year: number;
  month: number;
  day: number;
  /** 0 Sunday … 6 Saturday. */
  weekday: number;
  hour: number;
  minute: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      weekday: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Whether the runtime knows this IANA time zone name. */
export function isValidTimeZone(timeZone: string): boolean {
  if (!timeZone.trim()) return false;
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** Parses HH:MM (24 hours) into minutes after midnight; null when it is not a valid time. */
export function parseLocalTime(text: string): number | null {
  const match = /^(\d{1,2})[:h.](\d{2})$/.exec(text.trim());
  if (!match) return null;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  if (hours > 23 || minutes > 59) return null;
  return hours * 60 + minutes;
}

/** Formats minutes after midnight as HH:MM. */
export function formatLocalTime(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** Reads the wall-clock date and time of an instant in a time zone. */
export function localParts(instant: Date, timeZone: string): LocalParts {
  const parts = Object.fromEntries(formatterFor(timeZone).formatToParts(instant).map((part) => [part.type, part.value]));
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    weekday: WEEKDAY_INDEX[parts.weekday!]!,
    hour: Number(parts.hour),
    minute: Number(parts.minute),
  };
}

/** Offset of the time zone from UTC at an instant, in minutes (Paris in winter: 60). */
function offsetMinutes(instant: number, timeZone: string): number {
  const local = localParts(new Date(instant), timeZone);
  const asUtc = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute);
  return Math.round((asUtc - Math.floor(instant / MS_PER_MINUTE) * MS_PER_MINUTE) / MS_PER_MINUTE);
}

/**
 * Returns the instant of a local date and time. A time skipped by a spring-forward change
 * resolves to the instant one offset later (02:30 in Paris on the last Sunday of March is 03:30);
 * a time repeated in autumn resolves to its first occurrence.
 */
export function zonedInstant(date: { year: number; month: number; day: number }, minutes: number, timeZone: string): Date {
  const wallClock = Date.UTC(date.year, date.month - 1, date.day, 0, minutes);
  const target = { day: date.day, minutes };

  // The offsets twelve hours either side cover any change near this time (changes are at most
  // a few times a year and never two in a day).
  const offsetBefore = offsetMinutes(wallClock - 43_200_000, timeZone);
  const offsetAfter = offsetMinutes(wallClock + 43_200_000, timeZone);
  const matches = [offsetBefore, offsetAfter]
    .map((offset) => wallClock - offset * MS_PER_MINUTE)
    .filter((instant) => {
      const { parts, minutes: local } = minutesOf(new Date(instant), timeZone);
      return parts.day === target.day && local === target.minutes;
    })
    .sort((a, b) => a - b);
  return new Date(matches[0] ?? wallClock - offsetBefore * MS_PER_MINUTE);
}

function assertSlot(slot: WeeklySlot): number {
  const minutes = parseLocalTime(slot.localTime);
  if (minutes === null) throw new RangeError(`invalid local time: ${slot.localTime}`);
  if (!Number.isInteger(slot.dayOfWeek) || slot.dayOfWeek < 0 || slot.dayOfWeek > 6) throw new RangeError(`invalid day of week: ${slot.dayOfWeek}`);
  if (!isValidTimeZone(slot.timeZone)) throw new RangeError(`invalid time zone: ${slot.timeZone}`);
  return minutes;
}

/** The cron pattern of a weekly slot: minute, hour, any day of month, any month, weekday. */
export function weeklyPattern(slot: WeeklySlot): string {
  const minutes = assertSlot(slot);
  return `${minutes % 60} ${Math.floor(minutes / 60)} * * ${slot.dayOfWeek}`;
}

/**
 * Returns the first run of a weekly slot strictly after an instant. A slot inside a skipped hour
 * runs at the first valid minute after the change; a slot inside a repeated hour runs once.
 */
export function nextWeeklyRun(slot: WeeklySlot, after: Date): Date {
  return nextCronRun(weeklyPattern(slot), slot.timeZone, after);
}

/** Returns the first run of a daily local time strictly after an instant. */
export function nextDailyRun(localTime: string, timeZone: string, after: Date): Date {
  const minutes = parseLocalTime(localTime);
  if (minutes === null) throw new RangeError(`invalid local time: ${localTime}`);
  return nextCronRun(`${minutes % 60} ${Math.floor(minutes / 60)} * * *`, timeZone, after);
}

function nextCronRun(pattern: string, timeZone: string, after: Date): Date {
  const next = new Cron(pattern, { timezone: timeZone, paused: true }).nextRun(after);
  if (!next) throw new RangeError(`pattern ${pattern} has no next run`);
  return next;
}

export interface RunDecision {
  due: boolean;
  /** The next run to store: the first slot after now, whatever number of slots were missed. */
  nextRunAt: Date;
  /** Slots that passed without a run, beyond the one run now (0 when on time). */
  skippedSlots: number;
}

/**
 * Decides whether a stored run time is due at `now`, and which run time to store next. After
 * downtime the missed run is made once: the next run is computed from now, not from the missed
 * slot, so the slots that passed meanwhile are skipped instead of replayed.
 */
export function planRun(storedNextRunAt: Date, now: Date, nextAfter: (after: Date) => Date): RunDecision {
  if (storedNextRunAt.getTime() > now.getTime()) return { due: false, nextRunAt: storedNextRunAt, skippedSlots: 0 };

  let skippedSlots = 0;
  for (let slot = nextAfter(storedNextRunAt); slot.getTime() <= now.getTime() && skippedSlots < 1000; slot = nextAfter(slot)) {
    skippedSlots += 1;
  }
  return { due: true, nextRunAt: nextAfter(now), skippedSlots };
}

function minutesOf(instant: Date, timeZone: string): { parts: LocalParts; minutes: number } {
  const parts = localParts(instant, timeZone);
  return { parts, minutes: parts.hour * 60 + parts.minute };
}

/** Whether a local minute falls inside a window; windows whose end precedes the start cross midnight. */
export function inWindow(minutes: number, window: TimeWindow): boolean {
  const start = parseLocalTime(window.start) ?? 0;
  const end = parseLocalTime(window.end) ?? 0;
  if (start === end) return false;
  return start < end ? minutes >= start && minutes < end : minutes >= start || minutes < end;
}

/** Whether a message may be sent at an instant: a working day, inside working hours, outside quiet hours. */
export function isSendableAt(instant: Date, hours: WorkingHours, timeZone: string): boolean {
  const { parts, minutes } = minutesOf(instant, timeZone);
  if (!hours.days.includes(parts.weekday)) return false;
  if (!inWindow(minutes, { start: hours.start, end: hours.end })) return false;
  return !hours.quiet.some((window) => inWindow(minutes, window));
}

/**
 * Returns the first instant at or after `from` when a message may be sent, or null when the
 * working hours leave no such minute within two weeks (no working day, or quiet all day).
 */
export function nextSendableAt(from: Date, hours: WorkingHours, timeZone: string): Date | null {
  if (isSendableAt(from, hours, timeZone)) return from;

  // A sendable stretch opens at the start of working hours or at the end of a quiet window.
  const openings = [hours.start, ...hours.quiet.map((window) => window.end)]
    .map((text) => parseLocalTime(text))
    .filter((minutes): minutes is number => minutes !== null);
  const today = localParts(from, timeZone);
  for (let offset = 0; offset <= 14; offset++) {
    const day = new Date(Date.UTC(today.year, today.month - 1, today.day + offset));
    const date = { year: day.getUTCFullYear(), month: day.getUTCMonth() + 1, day: day.getUTCDate() };
    const candidates = openings
      .map((minutes) => zonedInstant(date, minutes % MINUTES_PER_DAY, timeZone))
      .filter((instant) => instant.getTime() > from.getTime() && isSendableAt(instant, hours, timeZone))
      .sort((a, b) => a.getTime() - b.getTime());
    if (candidates[0]) return candidates[0];
  }
  return null;
}

/** Start of the local week (Monday 00:00 in the time zone) that contains an instant. */
export function startOfLocalWeek(instant: Date, timeZone: string): Date {
  const parts = localParts(instant, timeZone);
  const daysSinceMonday = (parts.weekday + 6) % 7;
  const monday = new Date(Date.UTC(parts.year, parts.month - 1, parts.day - daysSinceMonday));
  return zonedInstant({ year: monday.getUTCFullYear(), month: monday.getUTCMonth() + 1, day: monday.getUTCDate() }, 0, timeZone);
}

/** How many more requests fit under a weekly cap, never below zero. */
export function remainingWeeklyQuota(cap: number, usedThisWeek: number): number {
  return Math.max(0, Math.floor(cap) - usedThisWeek);
}

/** Validates working hours: days 0–6, valid times, a start before the end. Returns the problem or null. */
export function checkWorkingHours(hours: WorkingHours): string | null {
  if (hours.days.some((day) => !Number.isInteger(day) || day < 0 || day > 6)) return 'days';
  const start = parseLocalTime(hours.start);
  const end = parseLocalTime(hours.end);
  if (start === null || end === null || start >= end) return 'window';
  const invalidQuiet = hours.quiet.some((window) => parseLocalTime(window.start) === null || parseLocalTime(window.end) === null);
  return invalidQuiet ? 'quiet' : null;
}

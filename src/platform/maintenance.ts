import { japanParts, type JapanParts } from './clock.js';

/** A weekly window in Japan time; day null means every day. Minutes from midnight. */
export interface MaintenanceWindow {
  day: number | null;
  startMinute: number;
  endMinute: number;
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
export const DAY_NAMES_JA = ['日', '月', '火', '水', '木', '金', '土'];

function parseClock(text: string): number | null {
  const m = /^([01]\d|2[0-4]):([0-5]\d)$/.exec(text);
  if (!m) return null;
  const minute = Number(m[1]) * 60 + Number(m[2]);
  return minute <= 24 * 60 ? minute : null;
}

/** `Mon 02:00-04:00,* 23:30-23:45` or `none`. Throws with the offending part. */
export function parseMaintenanceWindows(text: string): MaintenanceWindow[] {
  if (text.trim().toLowerCase() === 'none' || text.trim() === '') return [];
  return text.split(',').map((part) => {
    const m = /^\s*(\*|[A-Za-z]{3})\s+(\d\d:\d\d)-(\d\d:\d\d)\s*$/.exec(part);
    const dayIndex = m ? (m[1] === '*' ? null : DAYS.findIndex((d) => d.toLowerCase() === m[1]!.toLowerCase())) : -1;
    const start = m ? parseClock(m[2]!) : null;
    const end = m ? parseClock(m[3]!) : null;
    if (!m || dayIndex === -1 || start === null || end === null || start >= end) {
      throw new Error(`MAINTENANCE_WINDOWS: cannot read "${part.trim()}" (expected e.g. "Mon 02:00-04:00")`);
    }
    return { day: dayIndex, startMinute: start, endMinute: end };
  });
}

function minuteOfDay(parts: JapanParts): number {
  return parts.hour * 60 + parts.minute;
}

function windowAt(windows: MaintenanceWindow[], at: Date): MaintenanceWindow | undefined {
  const parts = japanParts(at);
  const minute = minuteOfDay(parts);
  return windows.find((w) => (w.day === null || w.day === parts.weekday) && minute >= w.startMinute && minute < w.endMinute);
}

/**
 * The maintenance in force at `now`, with the instant service resumes. Windows that touch
 * (`Sun 23:00-24:00, Mon 00:00-04:00`, or `* 00:00-24:00`) are followed to their real end, up to a week.
 */
export function activeMaintenance(windows: MaintenanceWindow[], now: Date): { resumesAt: Date } | null {
  let at = now;
  for (let hops = 0; hops < 8; hops++) {
    const window = windowAt(windows, at);
    if (!window) return hops === 0 ? null : { resumesAt: at };
    const parts = japanParts(at);
    const msLeft = ((window.endMinute - minuteOfDay(parts)) * 60 - parts.second) * 1000 - (at.getTime() % 1000);
    at = new Date(at.getTime() + msLeft);
  }
  return { resumesAt: at };
}

function clockText(minute: number): string {
  return `${Math.floor(minute / 60)}:${String(minute % 60).padStart(2, '0')}`;
}

/** 「毎週月曜日 2:00～4:00」 for the login page's notice of service hours. */
export function describeWindowsJa(windows: MaintenanceWindow[]): string {
  return windows
    .map((w) => `${w.day === null ? '毎日' : `毎週${DAY_NAMES_JA[w.day]}曜日`} ${clockText(w.startMinute)}～${clockText(w.endMinute)}`)
    .join('、');
}

const EN_DAYS = ['Sundays', 'Mondays', 'Tuesdays', 'Wednesdays', 'Thursdays', 'Fridays', 'Saturdays'];

/** 「Mondays 2:00–4:00 and daily 23:30–23:45 (Japan time)」: describeWindowsJa's English twin. */
export function describeWindowsEn(windows: MaintenanceWindow[]): string {
  const parts = windows.map((w) => `${w.day === null ? 'daily' : EN_DAYS[w.day]} ${clockText(w.startMinute)}–${clockText(w.endMinute)}`);
  const listed = parts.length <= 1 ? parts.join('') : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
  return `${listed} (Japan time)`;
}

/** The maintenance windows in a page's language (毎週月曜日 2:00～4:00 / Mondays 2:00–4:00 (Japan time)). */
export const describeWindows = (windows: MaintenanceWindow[], locale: 'ja' | 'en'): string => (locale === 'ja' ? describeWindowsJa(windows) : describeWindowsEn(windows));

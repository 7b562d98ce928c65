import holidayJp from '@holiday-jp/holiday_jp';
import { japanDate, japanParts } from './clock.js';

/** Whether a `YYYY-MM-DD` is a Japanese public holiday (from the maintained holiday_jp data). */
export function isPublicHoliday(isoDate: string): boolean {
  return Object.hasOwn(holidayJp.holidays, isoDate);
}

/** 年末年始: 12/29–1/3. */
export function isYearEndHoliday(isoDate: string): boolean {
  const monthDay = isoDate.slice(5);
  return monthDay >= '12-29' || monthDay <= '01-03';
}

export function isWorkingDay(at: Date): boolean {
  const { weekday } = japanParts(at);
  const date = japanDate(at);
  return weekday !== 0 && weekday !== 6 && !isPublicHoliday(date) && !isYearEndHoliday(date);
}

/** Whether a desk with hours `open`–`close` (HH:MM, Japan time) is open at `at`. */
export function isDeskOpen(at: Date, open: string, close: string): boolean {
  if (!isWorkingDay(at)) return false;
  const { hour, minute } = japanParts(at);
  const now = `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
  return now >= open && now < close;
}

import { untilStable } from '../../platform/text.js';
import { normalizeName } from './holder.js';

// 証券番号: one rule for every place that reads one (the CSV import, the forms, the renewal URL).

/** The longest 証券番号 the policies CSV contract allows (docs/operations.md). */
export const POLICY_NUMBER_MAX_LENGTH = 30;

/** Half-width upper-case letters and digits, whatever the length. */
export const hasPolicyNumberCharacters = (text: string): boolean => /^[A-Z0-9]+$/.test(text);

/** A 証券番号 as stored: letters and digits, 1 to POLICY_NUMBER_MAX_LENGTH characters. */
export const isPolicyNumber = (text: string): boolean => text.length <= POLICY_NUMBER_MAX_LENGTH && hasPolicyNumberCharacters(text);

/** A 証券番号 as a customer types it: NFKC, upper case, no spaces. */
export function normalizePolicyNumber(text: string): string {
  return untilStable((t) => normalizeName(t).toUpperCase().normalize('NFKC'), text);
}

// The note a change request's outcome carries: what the customer reads beside 手続き完了 or 差戻し. Pure.

export const OUTCOME_NOTE_MAX_LENGTH = 400;

export type ChangeRequestOutcome = 'done' | 'rejected';
export type NoteProblem = 'note_required' | 'note_too_long' | 'note_invalid';

// Line breaks are kept (the customer's page shows them); other control characters are refused.
const isControl = (ch: string): boolean => ch !== '\n' && /\p{Cc}/u.test(ch);

/** The note as stored (trimmed; null when empty), or why it cannot be: 差戻し needs one. */
export function checkOutcomeNote(outcome: ChangeRequestOutcome, raw: string | null | undefined): { ok: true; note: string | null } | { ok: false; problem: NoteProblem } {
  const note = (raw ?? '').replace(/\r\n?/g, '\n').trim();
  if ([...note].some(isControl)) return { ok: false, problem: 'note_invalid' };
  if ([...note].length > OUTCOME_NOTE_MAX_LENGTH) return { ok: false, problem: 'note_too_long' };
  if (note === '') return outcome === 'rejected' ? { ok: false, problem: 'note_required' } : { ok: true, note: null };
  return { ok: true, note };
}

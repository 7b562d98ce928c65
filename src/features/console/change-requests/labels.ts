import type { ChangeRequestStatus, NoteProblem } from '../../policies/processing/change-requests.js';
import { OUTCOME_NOTE_MAX_LENGTH } from '../../policies/processing/outcome-note.js';

/** 状況 as the console's filters and table name it. */
export const STATUS_LABELS: Record<ChangeRequestStatus, string> = { pending: '未処理', done: '処理済', rejected: '差戻し' };

export const NOTE_PROBLEMS: Record<NoteProblem, string> = {
  note_required: '差戻しの理由（お客さまへのご連絡）を入力してください。',
  note_too_long: `お客さまへのご連絡は${OUTCOME_NOTE_MAX_LENGTH}文字以内で入力してください。`,
  note_invalid: 'お客さまへのご連絡に使えない文字が含まれています。',
};

export type Flash = 'recorded' | 'unchanged' | 'conflict';
export const FLASHES: readonly Flash[] = ['recorded', 'unchanged', 'conflict'];
export const FLASH_MESSAGES: Record<Flash, string> = {
  recorded: '処理結果を記録しました。お客さまの「各種変更の手続き」に表示されます。',
  unchanged: 'この処理結果は、すでに記録されています。',
  conflict: 'このお申出は、すでに別の処理結果で記録されています。記録済みの結果は変更できません。',
};

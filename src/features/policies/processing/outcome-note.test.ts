import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkOutcomeNote, OUTCOME_NOTE_MAX_LENGTH } from './outcome-note.js';

describe('the outcome note', () => {
  it('is required to send a request back (差戻し), optional when it is done', () => {
    assert.deepEqual(checkOutcomeNote('rejected', '  '), { ok: false, problem: 'note_required' });
    assert.deepEqual(checkOutcomeNote('rejected', undefined), { ok: false, problem: 'note_required' });
    assert.deepEqual(checkOutcomeNote('done', ''), { ok: true, note: null });
    assert.deepEqual(checkOutcomeNote('done', ' 住所を変更しました。 '), { ok: true, note: '住所を変更しました。' });
  });

  it('keeps line breaks, refuses other control characters and long texts', () => {
    assert.deepEqual(checkOutcomeNote('rejected', '番地が確認できません。\r\nお電話ください。'), { ok: true, note: '番地が確認できません。\nお電話ください。' });
    assert.deepEqual(checkOutcomeNote('rejected', 'a\u0007b'), { ok: false, problem: 'note_invalid' });
    assert.deepEqual(checkOutcomeNote('done', 'あ'.repeat(OUTCOME_NOTE_MAX_LENGTH)).ok, true);
    assert.deepEqual(checkOutcomeNote('done', 'あ'.repeat(OUTCOME_NOTE_MAX_LENGTH + 1)), { ok: false, problem: 'note_too_long' });
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { z } from 'zod';
import { parseCredentialsForm } from './credentials-form.js';
import { birthDateField, parseForm } from '../../platform/ui/form-parse.js';
import { kanaField, policyNumberFieldIn } from '../policies/fields.js';

const policy = { minLength: 6, maxLength: 15 };
const good = { user_id: 'taro@example.com', user_id_confirm: 'taro@example.com', password: 'Kz7pWq2x', password_confirm: 'Kz7pWq2x', agree: '1' };

describe('form fields', () => {
  it('reads arrays, objects and missing fields as empty, never throwing', () => {
    const schema = z.object({ policy_number: policyNumberFieldIn('ja'), family_kana: kanaField('セイ') });
    const result = parseForm(schema, { policy_number: ['C1', 'C2'], family_kana: { x: 1 } });
    assert.deepEqual(result, { ok: false, errors: { policy_number: '証券番号を入力してください。', family_kana: 'セイを入力してください。' } });
    assert.equal(parseForm(schema, undefined).ok, false);
  });

  it('refuses impossible and future birth dates', () => {
    const schema = z.object({ birth_date: birthDateField('2026-11-25') });
    assert.match(JSON.stringify(parseForm(schema, { birth_date: '1975-02-30' })), /正しく入力/);
    assert.match(JSON.stringify(parseForm(schema, { birth_date: '2026-11-26' })), /未来の日付/);
    assert.deepEqual(parseForm(schema, { birth_date: '2026-11-25' }), { ok: true, value: { birth_date: '2026-11-25' } });
  });
});

describe('the ID/password form', () => {
  it('normalises the user ID (NFKC, lower case) and checks both confirmations', () => {
    assert.deepEqual(parseCredentialsForm({ ...good, user_id: 'ＴＡＲＯ＠example.com' }, policy, 'Taro@example.com'), { ok: true, value: { userId: 'taro@example.com', password: 'Kz7pWq2x' } });
    const mismatch = parseCredentialsForm({ ...good, user_id_confirm: 'jiro@example.com', password_confirm: 'Kz7pWq2y' }, policy, 'taro@example.com');
    assert.equal(mismatch.ok, false);
    if (!mismatch.ok) {
      assert.match(mismatch.errors.user_id_confirm ?? '', /一致しません/);
      assert.match(mismatch.errors.password_confirm ?? '', /一致しません/);
    }
  });

  it('refuses a user ID other than the address the mail reached', () => {
    const result = parseCredentialsForm({ ...good, user_id: 'jiro@example.com', user_id_confirm: 'jiro@example.com' }, policy, 'taro@example.com');
    assert.deepEqual(result, { ok: false, errors: { user_id: 'ユーザーIDには、ご案内メールを受信したメールアドレスをご指定ください。' } });
  });

  it('asks for the terms and refuses a password equal to the ID', () => {
    const result = parseCredentialsForm({ ...good, user_id: 'a1b2c3@x.jp', user_id_confirm: 'a1b2c3@x.jp', password: 'a1b2c3@x.jp', password_confirm: 'a1b2c3@x.jp', agree: '' }, policy, 'a1b2c3@x.jp');
    assert.equal(result.ok, false);
    if (!result.ok) {
      assert.match(result.errors.agree ?? '', /利用規約/);
      assert.match(result.errors.password ?? '', /ユーザーID/);
    }
  });
});

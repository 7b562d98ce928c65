import assert from 'node:assert/strict';
import { it } from 'node:test';
import { parseLoginForm } from './form.js';

it('normalises the ID and keeps the password exactly as typed', () => {
  assert.deepEqual(parseLoginForm({ userId: ' ＡＢＣ＠Example.com　', password: ' Abc 123 ', next: '/mypage/renewals' }), {
    ok: true,
    form: { userId: 'abc@example.com', password: ' Abc 123 ' },
    next: '/mypage/renewals',
  });
});

it('reads missing fields, arrays and non-objects as empty, with a message per field', () => {
  for (const body of [undefined, null, 'text', {}, { userId: ['a', 'b'], password: ['x'] }]) {
    const parsed = parseLoginForm(body);
    assert.equal(parsed.ok, false);
    if (!parsed.ok) assert.deepEqual(parsed.errors, { userId: 'ユーザーIDを入力してください。', password: 'パスワードを入力してください。' });
  }
});

it('refuses overlong entries without echoing more than the field holds', () => {
  const parsed = parseLoginForm({ userId: 'a'.repeat(1000), password: 'p'.repeat(129) });
  assert.equal(parsed.ok, false);
  if (!parsed.ok) {
    assert.equal(parsed.errors.userId, 'ユーザーIDは254文字以内で入力してください。');
    assert.equal(parsed.errors.password, 'パスワードは128文字以内で入力してください。');
    assert.equal(parsed.typedUserId.length, 254);
  }
});

it('drops a return path that leaves the site', () => {
  for (const next of ['//evil.example', 'https://evil.example', ['/a', '/b'], '/\\evil']) {
    assert.equal(parseLoginForm({ userId: 'a@b.c', password: 'x', next }).next, null);
  }
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { newStaffProblems, normalizeLogin, staffPasswordProblem, type NewStaff } from './staff-rules.js';

const ok: NewStaff = { login: 'desk.sato', name: '佐藤 一郎', role: 'desk', agencyCode: null, email: null };

it('accepts a good account', () => {
  assert.deepEqual(newStaffProblems(ok), []);
  assert.deepEqual(newStaffProblems({ ...ok, role: 'agency', agencyCode: 'D0001', email: 'sato@example.com' }), []);
  assert.deepEqual(newStaffProblems({ ...ok, login: 'a_b' }), []);
  assert.deepEqual(newStaffProblems({ ...ok, login: 'x'.repeat(64) }), []);
});

it('refuses logins outside 3–64 of [a-z0-9._-], unknown roles, and a role without (or with a needless) agency', () => {
  for (const login of ['ab', 'x'.repeat(65), 'Sato', 'sa to', 'さとう', 'a@b']) assert.match(newStaffProblems({ ...ok, login }).join(), /--login/, login);
  assert.match(newStaffProblems({ ...ok, role: 'root' }).join(), /--role must be one of admin, desk, agency/);
  assert.match(newStaffProblems({ ...ok, role: 'agency' }).join(), /--agency CODE is required/);
  assert.match(newStaffProblems({ ...ok, agencyCode: 'D0001' }).join(), /only for the agency role/);
  assert.match(newStaffProblems({ ...ok, name: ' ' }).join(), /--name/);
  assert.match(newStaffProblems({ ...ok, email: 'not-an-address' }).join(), /--email/);
});

it('normalises a typed login', () => {
  assert.equal(normalizeLogin(' ＤＥＳＫ.Sato '), 'desk.sato');
});

describe('the staff password rule (NIST SP 800-63B: length and a blocklist, no composition)', () => {
  it('accepts 12–64 characters of any kind without demanding letters and digits', () => {
    for (const password of ['correcthorsebatterystaple', 'ながいあいことばをつかう12', 'tsuki ga kirei desu ne', 'KEIZOKUDESKOPS', '739258146037', 'x'.repeat(3) + 'y'.repeat(3) + 'quietmoose', '🌸🍵🗻🎌'.repeat(3), 'q'.repeat(11) + 'Z'.repeat(53)]) {
      assert.equal(staffPasswordProblem(password, 'desk.sato'), null, password);
    }
  });

  it('refuses outside 12–64 characters, counted as characters (not bytes)', () => {
    assert.equal(staffPasswordProblem('', 'desk.sato'), 'パスワードを入力してください。');
    for (const password of ['quietmoose1', 'あ'.repeat(11), 'x'.repeat(40) + 'y'.repeat(25)]) assert.equal(staffPasswordProblem(password, 'desk.sato'), '12文字以上64文字以下で入力してください。', password);
    assert.equal(staffPasswordProblem('あ'.repeat(6) + 'い'.repeat(58), 'desk.sato'), null, '64 Japanese characters');
  });

  it('refuses common and breached-like passwords, runs, repeats, the login ID and control characters', () => {
    for (const password of ['password1234', 'Password1234!', 'qwertyuiop12', 'iloveyou2026', '123456789012', 'abcdefghijkl', '987654321098', 'aaaaaaaaaaaa']) {
      assert.match(staffPasswordProblem(password, 'desk.sato') ?? '', /推測されやすいパスワード/, password);
    }
    assert.equal(staffPasswordProblem('my-DESK.SATO-pass', 'desk.sato'), 'ログインIDを含むパスワードは使えません。');
    assert.equal(staffPasswordProblem('quiet moose\nrunning', 'desk.sato'), '改行などの制御文字は使えません。');
  });
});

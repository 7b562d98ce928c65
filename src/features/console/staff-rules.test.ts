import assert from 'node:assert/strict';
import { it } from 'node:test';
import { newStaffProblems, normalizeLogin, type NewStaff } from './staff-rules.js';

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

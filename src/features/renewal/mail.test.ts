import assert from 'node:assert/strict';
import { it } from 'node:test';
import { loadConfig } from '../../config.js';
import { maskedPolicyNumber, renewalMail } from './mail.js';

const { brand } = loadConfig({});

it('the confirmation mail names the 受付番号 and the new term, and little else', () => {
  const mail = renewalMail({
    brand, baseUrl: 'https://keizoku.example', to: 'abc@example.com', receptionNumber: 'R20261125-7KQ2M9XD', policyNumber: 'C123456789',
    appliedAt: new Date('2026-11-25T01:00:00Z'), termStart: '2026-12-27', termEnd: '2027-12-27', paymentChanged: true,
  });
  assert.equal(mail.subject, '【みらい損保】自動車保険 継続手続のお申込みを受け付けました');
  assert.equal(mail.to, 'abc@example.com');
  assert.match(mail.text, /受付番号:R20261125-7KQ2M9XD\n受付日時:2026年11月25日 10時00分\n証券番号:\*\*\*\*\*\*6789\n継続後の保険期間:2026年12月27日～2027年12月27日/);
  assert.match(mail.text, /https:\/\/keizoku\.example\/mypage\/renewals/);
  assert.match(mail.text, /お支払方法の変更をお申込みいただきました。/);
  assert.match(mail.text, /【お問い合わせ先】/);
  assert.doesNotMatch(mail.text, /C123456789/);
});

it('masks all but the last four characters of the policy number', () => {
  assert.equal(maskedPolicyNumber('C123456789'), '******6789');
  assert.equal(maskedPolicyNumber('A12'), 'A12');
});

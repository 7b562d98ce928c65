import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadConfig } from '../../config.js';
import { holdEnd, needsHold } from './hold.js';
import { reRegistrationHoldMail } from './mail.js';

const brand = loadConfig({}).brand;
const HOUR = 3_600_000;

describe('再登録 hold rules', () => {
  it('ends REREGISTRATION_HOLD later, rounded up to the whole minute the pages state', () => {
    assert.equal(holdEnd(new Date('2026-11-25T01:00:00Z'), 72 * HOUR).toISOString(), '2026-11-28T01:00:00.000Z');
    assert.equal(holdEnd(new Date('2026-11-25T01:00:00.001Z'), 72 * HOUR).toISOString(), '2026-11-28T01:01:00.000Z');
    assert.equal(holdEnd(new Date('2026-11-25T01:00:59Z'), 90 * 60_000).toISOString(), '2026-11-25T02:31:00.000Z');
  });

  it('holds only a new user ID other than the account’s, compared as addresses are', () => {
    assert.equal(needsHold('taro@example.com', 'taro.new@example.com'), true);
    assert.equal(needsHold('taro@example.com', 'ＴＡＲＯ@Example.com'), false);
  });

  it('the notice to the registered address: the new one masked, from when (Japan time), and the 心当たりがない link', () => {
    const mail = reRegistrationHoldMail({
      brand,
      to: 'taro@example.com',
      newUserId: 'intruder@example.net',
      requestedAt: new Date('2026-11-25T09:30:00Z'),
      effectiveAt: new Date('2026-11-28T09:30:00Z'),
      url: 'https://keizoku.example/register/cancel?token=abc',
    });
    assert.equal(mail.to, 'taro@example.com');
    assert.equal(mail.subject, `【${brand.name}】お客さまWebサービス 再登録のお申し込みについて`);
    assert.match(mail.text, /2026年11月25日 18時30分に、お客さまWebサービスの再登録/);
    assert.match(mail.text, /新しいユーザーID（メールアドレス）:i\*\*\*@example\.net/);
    assert.ok(!mail.text.includes('intruder'));
    assert.match(mail.text, /新しいユーザーID・パスワードは2026年11月28日 18時30分から有効になります。/);
    assert.match(mail.text, /引き続きご利用いただけます/);
    assert.match(mail.text, /【心当たりがない】\nhttps:\/\/keizoku\.example\/register\/cancel\?token=abc\n/);
    assert.match(mail.text, new RegExp(`TEL:${brand.deskPhone}`));
  });
});

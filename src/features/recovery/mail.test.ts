import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadConfig } from '../../config.js';
import { passwordLoginResumedMail, recoveryMail, userIdChangedNoticeMail } from './mail.js';

const brand = loadConfig({}).brand;
const sentAt = new Date('2026-11-25T09:30:00Z'); // 18:30 in Japan

describe('recovery mails', () => {
  it('the recovery mail says the keyword is not in it', () => {
    const mail = recoveryMail({ brand, to: 'taro@example.com', url: 'https://keizoku.example/recovery/verify?token=abc', sentAt, ttlMs: 48 * 3_600_000 });
    assert.equal(mail.subject, `【${brand.name}】ユーザーID・パスワード再登録に関するご案内`);
    assert.match(mail.text, /キーワードは本メールには記載していません/);
    assert.match(mail.text, /recovery\/verify\?token=abc/);
  });

  it('the notice to a replaced user ID never gives the new address in full', () => {
    const mail = userIdChangedNoticeMail({ brand, to: 'taro@example.com', newUserId: 'hanako.new@example.net', at: sentAt });
    assert.equal(mail.subject, `【${brand.name}】ユーザーID変更のお知らせ`);
    assert.equal(mail.to, 'taro@example.com');
    assert.match(mail.text, /h\*\*\*@example\.net/);
    assert.doesNotMatch(mail.text, /hanako/);
    assert.match(mail.text, /パスワードは、今後ご利用いただけません/);
    assert.match(mail.text, new RegExp(`TEL:${brand.deskPhone}`));
  });
});

describe('recovery mails in English', () => {
  it('the link, the changed user ID and the resumed password login, each in the language given', () => {
    const link = recoveryMail({ brand, to: 'taro@example.com', url: 'https://keizoku.example/recovery/verify?token=abc', sentAt, ttlMs: 48 * 3_600_000, locale: 'en' });
    assert.equal(link.subject, '[Mirai Sonpo] Setting a new user ID and password');
    assert.match(link.text, /\(the keyword is not in this e-mail\)/);
    assert.match(link.text, /\nhttps:\/\/keizoku\.example\/recovery\/verify\?token=abc\nValid until: 27 November 2026, 18:30 \(JST\)\n/);
    const changed = userIdChangedNoticeMail({ brand, to: 'taro@example.com', newUserId: 'hanako.new@example.net', at: sentAt, locale: 'en' });
    assert.equal(changed.subject, '[Mirai Sonpo] Your user ID has changed');
    assert.match(changed.text, /On 25 November 2026, 18:30 \(JST\), your user ID .*\nNew user ID \(e-mail address\): h\*\*\*@example\.net\n/);
    const resumed = passwordLoginResumedMail({ brand, to: 'taro@example.com', at: sentAt, locale: 'en' });
    assert.equal(resumed.subject, '[Mirai Sonpo] Password login is on again');
    assert.match(resumed.text, /Your passkeys still work\./);
    for (const mail of [link, changed, resumed]) assert.match(mail.text, /Tel: 0120-000-000 \(toll-free\)/);
  });
});

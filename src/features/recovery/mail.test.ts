import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadConfig } from '../../config.js';
import { recoveryMail, userIdChangedNoticeMail } from './mail.js';

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

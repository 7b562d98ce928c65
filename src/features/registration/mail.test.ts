import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadConfig } from '../../config.js';
import { reRegistrationNoticeMail, registrationMail } from './mail.js';

const brand = loadConfig({}).brand;
const sentAt = new Date('2026-11-25T09:30:00Z'); // 18:30 in Japan

describe('registration mails', () => {
  it('the registration mail follows the guide and carries the URL, never a keyword', () => {
    const mail = registrationMail({ brand, to: 'taro@example.com', url: 'https://keizoku.example/register/verify?token=abc', sentAt, ttlMs: 48 * 3_600_000 });
    assert.equal(mail.subject, `【${brand.name}】初回利用登録に関するご案内`);
    assert.match(mail.text, /^みらい損保「お客さまWebサービス」をご利用いただきありがとうございます。/);
    assert.match(mail.text, /本メール発信から48時間を経過しますと/);
    assert.match(mail.text, /\nhttps:\/\/keizoku\.example\/register\/verify\?token=abc\nご利用期限:2026年11月27日18時30分まで\n/);
    assert.match(mail.text, /心当たりのない場合/);
    assert.match(mail.text, new RegExp(`TEL:${brand.deskPhone}`));
    assert.match(mail.text, /自動発信/);
  });

  it('the notice to a replaced user ID gives the time in Japan and never the new address in full', () => {
    const mail = reRegistrationNoticeMail({ brand, to: 'taro@example.com', newUserId: 'hanako.new@example.net', at: sentAt });
    assert.equal(mail.subject, `【${brand.name}】お客さまWebサービス 再登録完了のお知らせ`);
    assert.match(mail.text, /2026年11月25日 18時30分に、お客さまWebサービスの再登録/);
    assert.equal(mail.to, 'taro@example.com');
    assert.match(mail.text, /h\*\*\*@example\.net/);
    assert.doesNotMatch(mail.text, /hanako/);
    assert.match(mail.text, /パスワードは、今後ご利用いただけません/);
    assert.match(mail.text, new RegExp(`TEL:${brand.deskPhone}`));
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadConfig } from '../../config.js';
import { recoveryMail } from '../recovery/mail.js';
import { registrationMail } from '../registration/mail.js';
import { deadlineLine, formatDurationJa } from './mail.js';

const brand = loadConfig({}).brand;
const sentAt = new Date('2026-11-25T09:30:00Z'); // 18:30 in Japan

describe('flow mails', () => {
  it('states the life of the link and the deadline in Japan time', () => {
    assert.equal(formatDurationJa(48 * 3_600_000), '48時間');
    assert.equal(formatDurationJa(90 * 60_000), '90分');
    assert.equal(formatDurationJa(2000), '2秒');
    assert.equal(deadlineLine(new Date(sentAt.getTime() + 48 * 3_600_000)), 'ご利用期限:2026年11月27日18時30分まで');
  });

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

  it('the recovery mail says the keyword is not in it', () => {
    const mail = recoveryMail({ brand, to: 'taro@example.com', url: 'https://keizoku.example/recovery/verify?token=abc', sentAt, ttlMs: 48 * 3_600_000 });
    assert.equal(mail.subject, `【${brand.name}】ユーザーID・パスワード再登録に関するご案内`);
    assert.match(mail.text, /キーワードは本メールには記載していません/);
    assert.match(mail.text, /recovery\/verify\?token=abc/);
  });
});

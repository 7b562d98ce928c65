import type { BrandConfig } from '../../../config.js';
import { linkBlock } from '../../../platform/mail/layout.js';
import type { MailMessage } from '../../../platform/mail/outbox.js';

export interface SetupMailInput {
  brand: BrandConfig;
  to: string;
  name: string;
  login: string;
  /** The setup URL with secretSlot('token') where the token goes. */
  url: string;
  sentAt: Date;
  ttlMs: number;
  /** A new account, an account whose 2-step verification an admin has reset, or a setup link sent again. */
  reason: 'created' | 'mfa_reset' | 'reissued';
}

/** The one-time setup link for a staff member (24 h): password, authenticator app, recovery codes. */
export function staffSetupMail(input: SetupMailInput): MailMessage {
  const openings: Record<SetupMailInput['reason'], string> = {
    created: `${input.name} さんの管理コンソールのアカウント（ログインID:${input.login}）が作成されました。`,
    mfa_reset: `${input.name} さん（ログインID:${input.login}）の管理コンソールの2段階認証が、管理者によりリセットされました。`,
    reissued: `${input.name} さん（ログインID:${input.login}）の管理コンソールの初期設定のURLを、管理者が再発行しました。以前にお送りしたURLは使えなくなりました。`,
  };
  const opening = openings[input.reason];
  const text = [
    `${input.brand.name} 管理コンソール`,
    '',
    opening,
    '以下のURLを開き、パスワードの設定、認証アプリの登録を行ってください。最後にリカバリーコードが表示されます。',
    '',
    linkBlock(input),
    '',
    'このメールにお心当たりのない場合は、URLを開かずに、システム管理者にご連絡ください。',
    '本メールは送信専用です。',
    '',
  ].join('\n');
  return { to: input.to, subject: `【${input.brand.name}】管理コンソール 初期設定のご案内`, text };
}

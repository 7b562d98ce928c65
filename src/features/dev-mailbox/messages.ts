import { defineCatalogue } from '../../platform/ui/i18n/catalogue.js';

/** The developer's mailbox (only without SMTP_URL). */
export const devMailboxMessages = defineCatalogue(
  'dev-mailbox',
  {
    banner: '開発・デモ専用のメールボックスです。SMTP_URL が設定されていないため、送信されたメールはここに保存されます（本番環境では表示されません）。',
    title: '開発用メールボックス',
    empty: 'メールはまだありません。',
    receivedAt: '受信日時',
    from: '差出人',
    to: '宛先',
    subject: '件名',
    noSubject: '（件名なし）',
    backToList: 'メール一覧へ戻る',
  },
  {
    banner: 'A mailbox for development and demos only. SMTP_URL is not set, so the mail the service sends is kept here (never shown in production).',
    title: 'Development mailbox',
    empty: 'No mail yet.',
    receivedAt: 'Received (JST)',
    from: 'From',
    to: 'To',
    subject: 'Subject',
    noSubject: '(no subject)',
    backToList: 'Back to the mail list',
  },
);

import { Layout } from '../../platform/ui/layout.js';
import type { PageContext } from '../../platform/ui/page-context.js';
import type { MailSummary } from './repository.js';
import { receivedAtText, type MailView } from './service.js';

function DevBanner() {
  return (
    <p class="dev-banner" role="note">
      開発・デモ専用のメールボックスです。SMTP_URL が設定されていないため、送信されたメールはここに保存されます（本番環境では表示されません）。
    </p>
  );
}

export function MailboxPage({ ctx, mails }: { ctx: PageContext; mails: MailSummary[] }) {
  return (
    <Layout ctx={ctx} title="開発用メールボックス">
      <DevBanner />
      <h1>開発用メールボックス</h1>
      {mails.length === 0 ? (
        <p>メールはまだありません。</p>
      ) : (
        <table class="mailbox">
          <thead>
            <tr>
              <th scope="col">受信日時</th>
              <th scope="col">宛先</th>
              <th scope="col">件名</th>
            </tr>
          </thead>
          <tbody>
            {mails.map((m) => (
              <tr>
                <td>
                  <time datetime={m.created_at}>{receivedAtText(m.created_at)}</time>
                </td>
                <td class="mail-to">{m.to_address}</td>
                <td>
                  <a href={`/dev/mailbox/${m.id}`}>{m.subject || '（件名なし）'}</a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Layout>
  );
}

export function MailPage({ ctx, view }: { ctx: PageContext; view: MailView }) {
  const { mail, segments } = view;
  return (
    <Layout ctx={ctx} title={mail.subject || '（件名なし）'}>
      <DevBanner />
      <h1>{mail.subject || '（件名なし）'}</h1>
      <dl class="entries">
        <div class="entry">
          <dt>受信日時</dt>
          <dd>
            <time datetime={mail.created_at}>{receivedAtText(mail.created_at)}</time>
          </dd>
        </div>
        <div class="entry">
          <dt>差出人</dt>
          <dd>{mail.from_address}</dd>
        </div>
        <div class="entry">
          <dt>宛先</dt>
          <dd>{mail.to_address}</dd>
        </div>
      </dl>
      <div class="mail-body">{segments.map((s) => ('href' in s ? <a href={s.href}>{s.text}</a> : s.text))}</div>
      <p>
        <a href="/dev/mailbox">メール一覧へ戻る</a>
      </p>
    </Layout>
  );
}

import { Layout } from '../../platform/ui/layout.js';
import type { PageContext } from '../../platform/ui/page-context.js';
import type { MailSummary } from './repository.js';
import { receivedAtText, type MailView } from './service.js';
import { useLocale } from '../../platform/ui/i18n/context.js';
import { devMailboxMessages } from './messages.js';

function DevBanner() {
  return (
    <p class="dev-banner" role="note">
      {devMailboxMessages.of(useLocale()).banner}
    </p>
  );
}

export function MailboxPage({ ctx, mails }: { ctx: PageContext; mails: MailSummary[] }) {
  const t = devMailboxMessages.of(ctx.locale);
  return (
    <Layout ctx={ctx} title={t.title}>
      <DevBanner />
      <h1>{t.title}</h1>
      {mails.length === 0 ? (
        <p>{t.empty}</p>
      ) : (
        <table class="mailbox">
          <thead>
            <tr>
              <th scope="col">{t.receivedAt}</th>
              <th scope="col">{t.to}</th>
              <th scope="col">{t.subject}</th>
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
                  <a href={`/dev/mailbox/${m.id}`}>{m.subject || t.noSubject}</a>
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
  const t = devMailboxMessages.of(ctx.locale);
  return (
    <Layout ctx={ctx} title={mail.subject || t.noSubject}>
      <DevBanner />
      <h1>{mail.subject || t.noSubject}</h1>
      <dl class="entries">
        <div class="entry">
          <dt>{t.receivedAt}</dt>
          <dd>
            <time datetime={mail.created_at}>{receivedAtText(mail.created_at)}</time>
          </dd>
        </div>
        <div class="entry">
          <dt>{t.from}</dt>
          <dd>{mail.from_address}</dd>
        </div>
        <div class="entry">
          <dt>{t.to}</dt>
          <dd>{mail.to_address}</dd>
        </div>
      </dl>
      <div class="mail-body">{segments.map((s) => ('href' in s ? <a href={s.href}>{s.text}</a> : s.text))}</div>
      <p>
        <a href="/dev/mailbox">{t.backToList}</a>
      </p>
    </Layout>
  );
}

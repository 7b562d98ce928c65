import { formatDateTimeJa } from '../clock.js';
import { Layout } from './layout.js';
import type { PageContext } from './page-context.js';

/** A message's paragraphs and the button that leads on: the body of every site's message page. */
export function MessageBody({ lines, link }: { lines: string[]; link?: { href: string; label: string } | undefined }) {
  return (
    <>
      {lines.map((line) => (
        <p>{line}</p>
      ))}
      {link ? (
        <p>
          <a class="button" href={link.href}>
            {link.label}
          </a>
        </p>
      ) : null}
    </>
  );
}

export function MessagePage({ ctx, title, lines, link }: { ctx: PageContext; title: string; lines: string[]; link?: { href: string; label: string } }) {
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <MessageBody lines={lines} link={link} />
    </Layout>
  );
}

export const NotFoundPage = ({ ctx }: { ctx: PageContext }) => (
  <MessagePage ctx={ctx} title="ページが見つかりません" lines={['お探しのページは見つかりませんでした。URLをご確認ください。']} link={{ href: '/', label: 'トップページへ' }} />
);

export const ErrorPage = ({ ctx }: { ctx: PageContext }) => (
  <MessagePage
    ctx={ctx}
    title="ただいま処理を完了できません"
    lines={['申し訳ございません。システムでエラーが発生しました。しばらくしてから、もう一度お試しください。', '解決しない場合は、下記のお問い合わせ先までご連絡ください。']}
    link={{ href: '/', label: 'トップページへ' }}
  />
);

export const BadRequestPage = ({ ctx }: { ctx: PageContext }) => (
  <MessagePage
    ctx={ctx}
    title="送信内容を受け付けられませんでした"
    lines={['送信された内容を処理できませんでした。お手数ですが、画面を開き直してもう一度お試しください。']}
    link={{ href: '/', label: 'トップページへ' }}
  />
);

export const CsrfFailedPage = ({ ctx }: { ctx: PageContext }) => (
  <MessagePage
    ctx={ctx}
    title="画面の有効期限が切れました"
    lines={['画面を長時間開いたままにしていたか、正しくない画面から送信されたため、処理を受け付けられませんでした。', 'お手数ですが、もう一度画面を開き直してお手続きください。']}
    link={{ href: '/', label: 'トップページへ' }}
  />
);

export const TooManyRequestsPage = ({ ctx }: { ctx: PageContext }) => (
  <MessagePage ctx={ctx} title="アクセスが集中しています" lines={['短時間に多くの操作が行われました。しばらく時間をおいてから、もう一度お試しください。']} />
);

export const MaintenancePage = ({ ctx, resumesAt }: { ctx: PageContext; resumesAt: Date }) => (
  <MessagePage
    ctx={ctx}
    title="ただいまメンテナンス中です"
    lines={[
      'お客さまWebサービスは、システムメンテナンスのため現在ご利用いただけません。',
      `サービス再開は ${formatDateTimeJa(resumesAt)} の予定です。ご不便をおかけしますが、時間をおいてから再度アクセスしてください。`,
    ]}
  />
);

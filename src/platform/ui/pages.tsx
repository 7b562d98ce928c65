import { defineCatalogue } from './i18n/catalogue.js';
import { formatDateTime } from './i18n/format.js';
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

const pageMessages = defineCatalogue(
  'platform/ui/pages',
  {
    toTop: 'トップページへ',
    notFoundTitle: 'ページが見つかりません',
    notFound: 'お探しのページは見つかりませんでした。URLをご確認ください。',
    errorTitle: 'ただいま処理を完了できません',
    error1: '申し訳ございません。システムでエラーが発生しました。しばらくしてから、もう一度お試しください。',
    error2: '解決しない場合は、下記のお問い合わせ先までご連絡ください。',
    badRequestTitle: '送信内容を受け付けられませんでした',
    badRequest: '送信された内容を処理できませんでした。お手数ですが、画面を開き直してもう一度お試しください。',
    csrfTitle: '画面の有効期限が切れました',
    csrf1: '画面を長時間開いたままにしていたか、正しくない画面から送信されたため、処理を受け付けられませんでした。',
    csrf2: 'お手数ですが、もう一度画面を開き直してお手続きください。',
    tooManyTitle: 'アクセスが集中しています',
    tooMany: '短時間に多くの操作が行われました。しばらく時間をおいてから、もう一度お試しください。',
    maintenanceTitle: 'ただいまメンテナンス中です',
    maintenance1: 'お客さまWebサービスは、システムメンテナンスのため現在ご利用いただけません。',
    maintenance2: (p: { at: string }) => `サービス再開は ${p.at} の予定です。ご不便をおかけしますが、時間をおいてから再度アクセスしてください。`,
  },
  {
    toTop: 'To the top page',
    notFoundTitle: 'Page not found',
    notFound: 'We could not find the page you were looking for. Please check the URL.',
    errorTitle: 'We cannot complete this right now',
    error1: 'We are sorry: an error occurred in our system. Please try again in a little while.',
    error2: 'If the problem continues, please contact us (details below).',
    badRequestTitle: 'We could not accept what was sent',
    badRequest: 'We could not process what was sent. Please open the page again and retry.',
    csrfTitle: 'This page has expired',
    csrf1: 'The page was open for a long time, or the form was sent from another page, so we could not accept it.',
    csrf2: 'Please open the page again and retry.',
    tooManyTitle: 'Too many requests',
    tooMany: 'Many actions were made in a short time. Please wait a little and try again.',
    maintenanceTitle: 'Under maintenance',
    maintenance1: 'The Customer Web Service is unavailable during scheduled system maintenance.',
    maintenance2: (p: { at: string }) => `We expect to be back at ${p.at}. We apologise for the inconvenience; please come back later.`,
  },
);

export function NotFoundPage({ ctx }: { ctx: PageContext }) {
  const m = pageMessages.of(ctx.locale);
  return <MessagePage ctx={ctx} title={m.notFoundTitle} lines={[m.notFound]} link={{ href: '/', label: m.toTop }} />;
}

export function ErrorPage({ ctx }: { ctx: PageContext }) {
  const m = pageMessages.of(ctx.locale);
  return <MessagePage ctx={ctx} title={m.errorTitle} lines={[m.error1, m.error2]} link={{ href: '/', label: m.toTop }} />;
}

export function BadRequestPage({ ctx }: { ctx: PageContext }) {
  const m = pageMessages.of(ctx.locale);
  return <MessagePage ctx={ctx} title={m.badRequestTitle} lines={[m.badRequest]} link={{ href: '/', label: m.toTop }} />;
}

export function CsrfFailedPage({ ctx }: { ctx: PageContext }) {
  const m = pageMessages.of(ctx.locale);
  return <MessagePage ctx={ctx} title={m.csrfTitle} lines={[m.csrf1, m.csrf2]} link={{ href: '/', label: m.toTop }} />;
}

export function TooManyRequestsPage({ ctx }: { ctx: PageContext }) {
  const m = pageMessages.of(ctx.locale);
  return <MessagePage ctx={ctx} title={m.tooManyTitle} lines={[m.tooMany]} />;
}

export function MaintenancePage({ ctx, resumesAt }: { ctx: PageContext; resumesAt: Date }) {
  const m = pageMessages.of(ctx.locale);
  return <MessagePage ctx={ctx} title={m.maintenanceTitle} lines={[m.maintenance1, m.maintenance2({ at: formatDateTime(ctx.locale, resumesAt) })]} />;
}

import type { BrandConfig } from '../../config.js';
import { formatDateTimeJa } from '../../platform/clock.js';
import { Entries, PostForm, SubmitButton } from '../../platform/ui/form.js';
import { Layout } from '../../platform/ui/layout.js';
import type { PageContext } from '../../platform/ui/page-context.js';
import { maskEmail } from '../../platform/mail/layout.js';
import type { HoldStatus } from './hold-repository.js';
import type { CancelProblem } from './hold.js';

/** みらい損保 インターネットデスク（0120-000-000、受付時間：(月～金) 9:00～17:30）, as the contact block says it. */
export const deskText = (brand: BrandConfig): string =>
  `${brand.name} ${brand.deskName}（${brand.deskPhone}、受付時間：(月～金) ${brand.deskOpen.replace(/^0/, '')}～${brand.deskClose.replace(/^0/, '')}）`;

const heldText: Record<Exclude<HoldStatus, 'pending'>, string> = {
  applied: '新しいユーザーID・パスワードは有効になっています。ログイン画面からログインしてください。',
  cancelled: 'このお申し込みは取り消されました。新しいユーザーID・パスワードは有効になりません。',
  replaced: 'その後に新しいお申し込みやお手続きがあったため、このお申し込みは無効になりました。',
  refused: 'このお申し込みは、お手続きを完了できなかったため無効になりました。',
};

interface HeldProps {
  ctx: PageContext;
  title: string;
  userId: string;
  status: HoldStatus;
  effectiveAt: Date;
}

/** 再登録 to another address: received, and from when the new user ID and password work. */
export function ReRegistrationHeldPage({ ctx, title, userId, status, effectiveAt }: HeldProps) {
  return (
    <Layout ctx={ctx} title={`${title} 再登録のお申し込み`}>
      <h1>{title}</h1>
      <p class="lead">再登録のお申し込みを受け付けました。</p>
      {status === 'pending' ? (
        <>
          <p>ご入力いただいたメールアドレスは、これまでご登録のメールアドレスと異なるため、お客さまの安全のため、新しいユーザーID・パスワードはすぐには有効になりません。</p>
          <Entries
            rows={[
              ['新しいユーザーID（メールアドレス）', userId],
              ['有効になる日時', formatDateTimeJa(effectiveAt)],
            ]}
          />
          <p>上記の日時以降に、新しいユーザーIDとパスワードでログインしてください。それまでは、新しいユーザーID・パスワードではログインできません。</p>
          <p>これまでご登録のメールアドレス宛てに、再登録のお申し込みがあったことをお知らせするメールを送信しました。</p>
        </>
      ) : (
        <p class="notice">{heldText[status]}</p>
      )}
      <p>{`お急ぎの場合やご不明な点がある場合は、${deskText(ctx.brand)}までご連絡ください。`}</p>
      <div class="actions">
        <a class="button" href="/">
          トップページへ
        </a>
      </div>
    </Layout>
  );
}

const CANCEL_TITLE = '再登録のお申し込みの取消';

interface CancelConfirmProps {
  ctx: PageContext;
  action: string;
  token: string;
  newUserId: string;
  requestedAt: Date;
  effectiveAt: Date;
}

/** The 心当たりがない link: what was asked for, and the button that cancels it (the GET changes nothing). */
export function CancelConfirmPage({ ctx, action, token, newUserId, requestedAt, effectiveAt }: CancelConfirmProps) {
  return (
    <Layout ctx={ctx} title={CANCEL_TITLE}>
      <h1>{CANCEL_TITLE}</h1>
      <p>{`${formatDateTimeJa(requestedAt)}に、お客さまWebサービスの再登録（ユーザーID・パスワードの再設定）のお申し込みがありました。`}</p>
      <Entries
        rows={[
          ['新しいユーザーID（メールアドレス）', maskEmail(newUserId)],
          ['有効になる日時', formatDateTimeJa(effectiveAt)],
        ]}
      />
      <p>このお申し込みに心当たりがない場合は、「再登録を取り消す」ボタンを押してください。お申し込みは取り消され、これまでのユーザーID・パスワードを引き続きご利用いただけます。</p>
      <PostForm action={action} csrf={ctx.csrf}>
        <input type="hidden" name="token" value={token} />
        <div class="actions">
          <SubmitButton>再登録を取り消す</SubmitButton>
        </div>
      </PostForm>
    </Layout>
  );
}

/** Cancelled: nothing changes; change the password and call the desk. */
export function CancelledPage({ ctx }: { ctx: PageContext }) {
  return (
    <Layout ctx={ctx} title="再登録のお申し込みを取り消しました">
      <h1>再登録のお申し込みを取り消しました</h1>
      <p class="lead">再登録のお申し込みを取り消しました。新しいユーザーID・パスワードは有効になりません。</p>
      <p>これまでのユーザーID・パスワードを引き続きご利用いただけます。</p>
      <p class="notice">
        第三者がお客さまのご契約の情報を使ってお申し込みをしたおそれがあります。念のため、ログインのうえ「各種変更の手続き」からパスワードを変更してください。
      </p>
      <p>{`ご不明な点がある場合は、${deskText(ctx.brand)}までご連絡ください。`}</p>
      <div class="actions">
        <a class="button primary" href="/login">
          ログイン
        </a>
      </div>
    </Layout>
  );
}

const problemText: Record<CancelProblem, string> = {
  unknown: 'URLが正しくないか、このURLのお手続きは受け付けられません。メールに記載されたURLを省略せずに開いてください。',
  used: 'このURLは既に使用されています。再登録のお申し込みは取り消し済みです。',
  replaced: 'その後に新しいお申し込みやお手続きがあったため、このURLは使用できなくなりました。最新のメールのURLをご利用ください。',
  in_effect: '取り消しの期限を過ぎたため、新しいユーザーID・パスワードは既に有効になっています。お心当たりがない場合は、至急ご連絡ください。',
};

export function CancelUnavailablePage({ ctx, problem }: { ctx: PageContext; problem: CancelProblem }) {
  return (
    <Layout ctx={ctx} title="このURLは無効です">
      <h1>このURLは無効です</h1>
      <p class="notice">{problemText[problem]}</p>
      <p>{`ご不明な点がある場合は、${deskText(ctx.brand)}までご連絡ください。`}</p>
      <div class="actions">
        <a class="button" href="/">
          トップページへ
        </a>
      </div>
    </Layout>
  );
}

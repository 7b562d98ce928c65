import type { ComponentChildren } from 'preact';
import { formatDateTimeJa } from '../../../platform/clock.js';
import { WideLayout } from '../../../platform/ui/console-layout.js';
import { RadioGroup } from '../../../platform/ui/form.js';
import type { ConsolePageContext } from '../views.js';
import type { ActionProblem } from './service.js';

const DELIVERY_OPTIONS = [
  { value: 'screen', label: '画面に表示（お電話でお伝えする）' },
  { value: 'mail', label: 'メールで送る（ご登録のメールアドレスへ）' },
] as const;

export const TEMPORARY_PASSWORD_FORM = 'temporary-password';
const detailsHref = (id: string) => `/console/customers/${encodeURIComponent(id)}`;

/** 仮パスワードの発行 on お客さま詳細: its heading and what it does, around the action's form. */
export function TemporaryPasswordIntro({ children }: { children: ComponentChildren }) {
  return (
    <section aria-labelledby="h-temporary-password">
      <h4 id="h-temporary-password">仮パスワードの発行</h4>
      <p class="hint">これまでのパスワードは使えなくなります。ログインのロックを解除し、ログイン中のセッションを終了します。仮パスワードの有効期限は発行から72時間で、お客さまは次のログインで新しいパスワードを設定します。</p>
      {children}
    </section>
  );
}

/** お客さまへの渡し方: shown once on screen, or mailed. */
export function DeliveryChoice({ problem }: { problem?: { form: string; reason: ActionProblem } | undefined }) {
  const missing = problem?.form === TEMPORARY_PASSWORD_FORM && problem.reason === 'delivery_missing';
  return <RadioGroup name="delivery" legend="お客さまへの渡し方" options={DELIVERY_OPTIONS} error={missing ? 'お客さまへの渡し方を選んでください。' : undefined} />;
}

function RevealLayout({ ctx, id, children }: { ctx: ConsolePageContext; id: string; children: ComponentChildren }) {
  return (
    <WideLayout ctx={ctx} title="仮パスワードの発行">
      <h1>仮パスワードの発行</h1>
      {children}
      <p>
        <a class="button" href={detailsHref(id)}>
          お客さま詳細に戻る
        </a>
      </p>
    </WideLayout>
  );
}

/** The one showing; `password` null: already shown (a reload), or not this operator's. */
export function TemporaryPasswordPage({ ctx, id, shown }: { ctx: ConsolePageContext; id: string; shown: { password: string; expiresAt: Date } | null }) {
  if (!shown) {
    return (
      <RevealLayout ctx={ctx} id={id}>
        <p class="notice">仮パスワードは、発行した直後に一度だけ表示します。すでに表示したため、もう表示できません。お客さまにお伝えできなかった場合は、もう一度発行してください。</p>
      </RevealLayout>
    );
  }
  return (
    <RevealLayout ctx={ctx} id={id}>
      <div class="notice flash" role="status">
        <p>仮パスワードを発行しました。ログインのロックを解除し、ログイン中のセッションを終了しました。</p>
      </div>
      <p>この画面は一度だけ表示します。お客さまに、お電話で次の仮パスワードをお伝えください（英小文字と数字、紛らわしい文字は使っていません）。</p>
      <p class="temporary-password">
        <code>{shown.password}</code>
      </p>
      <p>{`有効期限：${formatDateTimeJa(shown.expiresAt)}まで（発行から72時間）`}</p>
      <p>お客さまには、ログイン画面でユーザーIDと仮パスワードを入力してログインし、続けて新しいパスワードを設定していただきます。</p>
    </RevealLayout>
  );
}

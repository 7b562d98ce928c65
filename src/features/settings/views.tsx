import { formatDateTimeJa } from '../../platform/clock.js';
import type { FieldErrors } from '../../platform/ui/form.js';
import { Entries, ErrorSummary, PostForm, RadioGroup, StepIndicator, SubmitButton, TextField } from '../../platform/ui/form.js';
import { Layout } from '../../platform/ui/layout.js';
import type { PageContext } from '../../platform/ui/page-context.js';
import { NONE } from '../policies/labels.js';
import type { MyPageData } from '../policies/customer-policies.js';
import { MyPageLayout } from '../policies/my-page-layout.js';
import { Agencies, ByAgencyOrDesk } from './agencies.js';
import { EMAIL_CHANGE_PATH } from './email-change.js';
import { NEW_EMAIL_LABEL, REMINDER_CHOICES } from './forms.js';
import type { ContactOnFile } from './repository.js';
import type { ChangesSummary, PendingAddressChange, RecentAddressChange } from './service.js';

export const CHANGES_TAB = '/mypage/changes';
export const ADDRESS_PATH = '/mypage/changes/address';
export const PASSWORD_PATH = '/mypage/changes/password';
export const STOP_PATH = '/mypage/other/stop';
export const REMINDERS_PATH = '/mypage/changes/reminders';
/** The login-history feature's page (registered by the site beside settings). */
const LOGIN_HISTORY_PATH = '/mypage/changes/login-history';
/** features/passkeys' page (a link only: features do not import each other). */
export const LOGIN_METHODS_PATH = '/mypage/changes/login-methods';

const PENDING = '受付済（保険会社で手続中）';

function BackTo({ href, label }: { href: string; label: string }) {
  return (
    <p>
      <a class="button" href={href}>
        {label}
      </a>
    </p>
  );
}

const BackToChanges = () => <BackTo href={CHANGES_TAB} label="「各種変更の手続き」へ戻る" />;

const addressLine = (c: { postalCode: string | null; address: string | null }) => [c.postalCode ? `〒${c.postalCode}` : '', c.address ?? ''].filter(Boolean).join(' ') || NONE;

// 受付済 / 手続き完了 / 差戻し: the insurer's outcome, recorded in the console or by the core system.
const STATES: Record<RecentAddressChange['status'], { label: string; badge: string }> = {
  pending: { label: PENDING, badge: 'pending' },
  done: { label: '手続き完了', badge: 'done' },
  rejected: { label: '差戻し', badge: 'rejected' },
};

function AddressRequests({ requests }: { requests: RecentAddressChange[] }) {
  if (requests.length === 0) return null;
  return (
    <ul class="change-requests">
      {requests.map((r) => (
        <li>
          <strong class={`badge ${STATES[r.status].badge}`}>{STATES[r.status].label}</strong>
          <span>{`${formatDateTimeJa(new Date(r.receivedAt))} 受付`}</span>
          <span>{`${addressLine(r)} 電話番号 ${r.phone ?? NONE}`}</span>
          {r.note ? <span class="note-text">{`保険会社からのご連絡：${r.note}`}</span> : null}
        </li>
      ))}
    </ul>
  );
}

/** 各種変更の手続き: address and phone (a request for the insurer), e-mail, password; the rest by agency or desk. */
export function ChangesTab({ ctx, data, summary }: { ctx: PageContext; data: MyPageData; summary: ChangesSummary }) {
  return (
    <MyPageLayout ctx={ctx} data={data} active="changes">
      <section class="change-item" aria-labelledby="change-address">
        <h3 id="change-address">住所・電話番号の変更</h3>
        <p>ご契約者さまのご住所・お電話番号の変更をお申し出いただけます。保険会社でお手続きのうえ、ご契約に反映します。</p>
        <AddressRequests requests={summary.addressChanges} />
        <a class="button" href={ADDRESS_PATH}>
          住所・電話番号を変更する
        </a>
      </section>
      <section class="change-item" aria-labelledby="change-email">
        <h3 id="change-email">メールアドレス（ユーザーID）の変更</h3>
        <Entries rows={[['現在のメールアドレス（ユーザーID）', summary.userId]]} />
        {summary.pendingEmail ? (
          <p class="notice">{`${summary.pendingEmail.newEmail} 宛てに確認メールをお送りしています。メールに記載のURLから変更を完了してください（有効期限：${formatDateTimeJa(summary.pendingEmail.expiresAt)}）。`}</p>
        ) : null}
        <a class="button" href={EMAIL_CHANGE_PATH}>
          メールアドレスを変更する
        </a>
      </section>
      <section class="change-item" aria-labelledby="change-password">
        <h3 id="change-password">パスワードの変更</h3>
        <p>現在のパスワードを入力のうえ、新しいパスワードをご指定いただけます。</p>
        <a class="button" href={PASSWORD_PATH}>
          パスワードを変更する
        </a>
      </section>
      <section class="change-item" aria-labelledby="change-login-methods">
        <h3 id="change-login-methods">ログイン方法</h3>
        <p>パスキー（指紋・顔認証や画面ロックでのログイン）の登録・削除と、パスワードでのログインの停止ができます。</p>
        <a class="button" href={LOGIN_METHODS_PATH}>
          ログイン方法を変更する
        </a>
      </section>
      <section class="change-item" aria-labelledby="change-login-history">
        <h3 id="change-login-history">ログイン履歴</h3>
        <p>最近のログインと、いまログインしている端末をご確認いただけます。ほかの端末をログアウトさせることもできます。</p>
        <a class="button" href={LOGIN_HISTORY_PATH}>
          ログイン履歴を確認する
        </a>
      </section>
      <section class="change-item" aria-labelledby="change-reminders">
        <h3 id="change-reminders">満期案内メール</h3>
        <p>自動車保険の満期日が近づくと、ご登録のメールアドレスに満期と継続手続のご案内をお送りします。</p>
        <Entries rows={[['現在の設定', reminderWord(summary.remindersOptOut)]]} />
        <a class="button" href={REMINDERS_PATH}>
          満期案内メールの設定を変更する
        </a>
      </section>
      <section class="change-item" aria-labelledby="change-others">
        <h3 id="change-others">その他の変更のお手続き</h3>
        <ByAgencyOrDesk ctx={ctx} />
        <ul>
          <li>お車の入替え（車両入替）</li>
          <li>運転者の範囲・年齢条件、使用目的の変更</li>
          <li>保険料の払込方法の変更</li>
        </ul>
        <Agencies data={data} />
      </section>
    </MyPageLayout>
  );
}

/** その他の手続: stopping the web service here; the rest by agency or desk. */
export function OtherTab({ ctx, data }: { ctx: PageContext; data: MyPageData }) {
  return (
    <MyPageLayout ctx={ctx} data={data} active="other">
      <section class="change-item" aria-labelledby="other-stop">
        <h3 id="other-stop">お客さまWebサービスの利用停止</h3>
        <p>お客さまWebサービスのご利用を停止します。ご契約（保険）には影響ありません。</p>
        <a class="button" href={STOP_PATH}>
          利用停止のお手続きへ
        </a>
      </section>
      <section class="change-item" aria-labelledby="other-by-agency">
        <h3 id="other-by-agency">取扱代理店・{ctx.brand.deskName}で承るお手続き</h3>
        <ByAgencyOrDesk ctx={ctx} />
        <ul>
          <li>事故・故障のご連絡</li>
          <li>ご契約の解約</li>
          <li>ご契約者・記名被保険者の変更</li>
          <li>保険証券の再発行</li>
        </ul>
        <p>事故のご連絡は、ご契約の取扱代理店へお早めにお知らせください。</p>
        <Agencies data={data} />
      </section>
    </MyPageLayout>
  );
}

// ---- 住所・電話番号の変更

export type AddressValues = Partial<Record<'postal_code' | 'address' | 'phone', string>>;

interface AddressPageProps {
  ctx: PageContext;
  values: AddressValues;
  onFile: ContactOnFile | null;
  policyNumbers: string[];
  errors?: FieldErrors | undefined;
  message?: string | undefined;
}

export function AddressChangePage({ ctx, values, onFile, policyNumbers, errors, message }: AddressPageProps) {
  return (
    <Layout ctx={ctx} title="住所・電話番号の変更">
      <h1>住所・電話番号の変更</h1>
      <p>変更後のご住所・お電話番号を入力して、「変更を申し込む」ボタンを押してください。</p>
      <h2>現在のご登録内容</h2>
      <Entries
        rows={[
          ['住所', onFile ? addressLine(onFile) : NONE],
          ['電話番号', onFile?.phone ?? NONE],
        ]}
      />
      {policyNumbers.length > 0 ? <p class="hint">{`変更は、お客さまのご契約（証券番号 ${policyNumbers.join('、')}）に反映されます。`}</p> : null}
      <ErrorSummary errors={errors} message={message} />
      <PostForm action={ADDRESS_PATH} csrf={ctx.csrf}>
        <TextField name="postal_code" label="郵便番号" value={values.postal_code} error={errors?.postal_code} autocomplete="postal-code" inputMode="numeric" maxLength={20} hint="7桁の数字（例：100-0005）" />
        <TextField name="address" label="住所" value={values.address} error={errors?.address} autocomplete="street-address" maxLength={120} hint="都道府県から建物名・部屋番号までご入力ください。" />
        <TextField name="phone" label="電話番号" type="tel" value={values.phone} error={errors?.phone} autocomplete="tel" maxLength={30} hint="数字とハイフン（例：03-1234-5678、090-1234-5678）" />
        <p class="hint">お申し出の内容は保険会社でお手続きのうえ、ご契約に反映します。反映までお時間をいただく場合があります。</p>
        <div class="actions">
          <SubmitButton>変更を申し込む</SubmitButton>
          <a class="button" href={CHANGES_TAB}>
            戻る
          </a>
        </div>
      </PostForm>
    </Layout>
  );
}

export function AddressChangeCompletePage({ ctx, request }: { ctx: PageContext; request: PendingAddressChange }) {
  return (
    <Layout ctx={ctx} title="住所・電話番号の変更 受付完了">
      <h1>住所・電話番号の変更</h1>
      <p class="lead">住所・電話番号の変更のお申し出を受け付けました。</p>
      <Entries
        rows={[
          ['受付日時', formatDateTimeJa(new Date(request.receivedAt))],
          ['住所', addressLine(request)],
          ['電話番号', request.phone],
          ['状況', PENDING],
        ]}
      />
      <p>保険会社でお手続きのうえ、ご契約に反映します。受付のお知らせをご登録のメールアドレスにお送りしました。</p>
      <BackToChanges />
    </Layout>
  );
}

// ---- メールアドレス（ユーザーID）の変更

const EMAIL_TITLE = 'メールアドレス（ユーザーID）の変更';
const EMAIL_STEPS = ['新しいメールアドレスの入力', 'メールの確認', '完了'];

interface EmailPageProps {
  ctx: PageContext;
  currentEmail: string;
  values: Partial<Record<'new_email' | 'new_email_confirm', string>>;
  errors?: FieldErrors | undefined;
  message?: string | undefined;
}

export function EmailChangePage({ ctx, currentEmail, values, errors, message }: EmailPageProps) {
  return (
    <Layout ctx={ctx} title={EMAIL_TITLE}>
      <h1>{EMAIL_TITLE}</h1>
      <StepIndicator steps={EMAIL_STEPS} current={1} />
      <p>新しいメールアドレスと現在のパスワードを入力して、「確認メールを送信する」ボタンを押してください。新しいメールアドレス宛てに、変更を完了するためのURLをお送りします。</p>
      <Entries rows={[['現在のメールアドレス（ユーザーID）', currentEmail]]} />
      <ErrorSummary errors={errors} message={message} />
      <PostForm action={EMAIL_CHANGE_PATH} csrf={ctx.csrf}>
        <TextField name="new_email" label={NEW_EMAIL_LABEL} type="email" value={values.new_email} error={errors?.new_email} autocomplete="email" inputMode="email" maxLength={254} hint="変更後は、このメールアドレスがユーザーIDになります。" />
        <TextField name="new_email_confirm" label="新しいメールアドレス（確認用）" type="email" value={values.new_email_confirm} error={errors?.new_email_confirm} autocomplete="off" inputMode="email" maxLength={254} hint="確認のためもう一度ご入力ください。" />
        <TextField name="current_password" label="現在のパスワード" type="password" error={errors?.current_password} autocomplete="current-password" maxLength={128} />
        <div class="actions">
          <SubmitButton>確認メールを送信する</SubmitButton>
          <a class="button" href={CHANGES_TAB}>
            戻る
          </a>
        </div>
      </PostForm>
    </Layout>
  );
}

export function EmailChangeSentPage({ ctx, newEmail, ttlText }: { ctx: PageContext; newEmail: string; ttlText: string }) {
  return (
    <Layout ctx={ctx} title={`${EMAIL_TITLE} メールの送信`}>
      <h1>{EMAIL_TITLE}</h1>
      <StepIndicator steps={EMAIL_STEPS} current={2} />
      <p class="lead">確認メールを送信しました。</p>
      <p>{`新しいメールアドレス（${newEmail}）宛てに、「メールアドレス変更のご確認」メールを送信しました。メールに記載のURLを開き、「変更する」ボタンを押すと変更が完了します。`}</p>
      <p>{`URLの有効期限は、メール送信から${ttlText}です。変更が完了するまでは、現在のメールアドレスがユーザーIDです。`}</p>
      <p class="hint">メールが届かない場合は、メールアドレスに誤りがないか、迷惑メールフォルダに入っていないかをご確認のうえ、もう一度お手続きください。</p>
      <BackToChanges />
    </Layout>
  );
}

interface EmailConfirmProps {
  ctx: PageContext;
  token: string;
  currentEmail: string;
  newEmail: string;
  /** The address became another customer's user ID: no button, only the reason. */
  taken: boolean;
}

export const EMAIL_TAKEN = 'このメールアドレスは、既に他のお客さまのユーザーIDとして登録されているため、ご利用いただけません。別のメールアドレスで、もう一度お手続きください。';

/** Behind the mail link: a GET only shows this; the button's POST makes the change. */
export function EmailChangeConfirmPage({ ctx, token, currentEmail, newEmail, taken }: EmailConfirmProps) {
  return (
    <Layout ctx={ctx} title={`${EMAIL_TITLE} 確認`}>
      <h1>{EMAIL_TITLE}</h1>
      <StepIndicator steps={EMAIL_STEPS} current={2} />
      <Entries
        rows={[
          ['現在のメールアドレス（ユーザーID）', currentEmail],
          ['新しいメールアドレス（ユーザーID）', newEmail],
        ]}
      />
      {taken ? (
        <>
          <ErrorSummary message={EMAIL_TAKEN} />
          <BackTo href={EMAIL_CHANGE_PATH} label="メールアドレスの変更をやり直す" />
        </>
      ) : (
        <>
          <p>メールアドレス（ユーザーID）を上記のとおり変更します。よろしければ「変更する」ボタンを押してください。</p>
          <p class="hint">変更すると、ほかの端末でのログインは終了します。変更前のメールアドレスには、変更のお知らせをお送りします。</p>
          <PostForm action={`${EMAIL_CHANGE_PATH}/confirm`} csrf={ctx.csrf}>
            <input type="hidden" name="token" value={token} />
            <div class="actions">
              <SubmitButton>変更する</SubmitButton>
              <a class="button" href={CHANGES_TAB}>
                変更しない
              </a>
            </div>
          </PostForm>
        </>
      )}
    </Layout>
  );
}

export function EmailChangeCompletePage({ ctx, userId }: { ctx: PageContext; userId: string }) {
  return (
    <Layout ctx={ctx} title={`${EMAIL_TITLE} 完了`}>
      <h1>{EMAIL_TITLE}</h1>
      <StepIndicator steps={EMAIL_STEPS} current={3} />
      <p class="lead">メールアドレス（ユーザーID）を変更しました。</p>
      <Entries rows={[['メールアドレス（ユーザーID）', userId]]} />
      <p>次回から、このメールアドレスをユーザーIDとしてログインしてください。変更前のメールアドレスに、変更のお知らせをお送りしました。</p>
      <BackToChanges />
    </Layout>
  );
}

// ---- 満期案内メール

const reminderWord = (optOut: boolean) => (optOut ? '受け取らない' : '受け取る');
const REMINDERS_TITLE = '満期案内メールの設定';

export function ReminderSettingPage({ ctx, optOut, errors }: { ctx: PageContext; optOut: boolean; errors?: FieldErrors | undefined }) {
  return (
    <Layout ctx={ctx} title={REMINDERS_TITLE}>
      <h1>{REMINDERS_TITLE}</h1>
      <p>自動車保険の満期日の前に、ご登録のメールアドレスへ満期と継続手続のご案内（満期案内メール）をお送りします。受け取るかどうかを選んで、「設定する」ボタンを押してください。</p>
      <ErrorSummary errors={errors} />
      <PostForm action={REMINDERS_PATH} csrf={ctx.csrf}>
        <RadioGroup
          name="reminders"
          legend="満期案内メール"
          options={REMINDER_CHOICES}
          value={optOut ? 'decline' : 'receive'}
          error={errors?.reminders}
          hint="受け取らない場合も、満期日や継続手続の受付期間はホームでご確認いただけます。"
        />
        <div class="actions">
          <SubmitButton>設定する</SubmitButton>
          <a class="button" href={CHANGES_TAB}>
            戻る
          </a>
        </div>
      </PostForm>
    </Layout>
  );
}

export function ReminderSettingCompletePage({ ctx, optOut }: { ctx: PageContext; optOut: boolean }) {
  return (
    <Layout ctx={ctx} title={`${REMINDERS_TITLE} 完了`}>
      <h1>{REMINDERS_TITLE}</h1>
      <p class="lead">満期案内メールの設定を変更しました。</p>
      <Entries rows={[['満期案内メール', reminderWord(optOut)]]} />
      <BackToChanges />
    </Layout>
  );
}

// ---- パスワードの変更

export function PasswordChangePage({ ctx, ruleText, errors, message }: { ctx: PageContext; ruleText: string; errors?: FieldErrors | undefined; message?: string | undefined }) {
  return (
    <Layout ctx={ctx} title="パスワードの変更">
      <h1>パスワードの変更</h1>
      <p>現在のパスワードと新しいパスワードを入力して、「変更する」ボタンを押してください。</p>
      <ErrorSummary errors={errors} message={message} />
      <PostForm action={PASSWORD_PATH} csrf={ctx.csrf}>
        <TextField name="current_password" label="現在のパスワード" type="password" error={errors?.current_password} autocomplete="current-password" maxLength={128} />
        <TextField name="password" label="新しいパスワード" type="password" error={errors?.password} autocomplete="new-password" maxLength={128} hint={ruleText} />
        <TextField name="password_confirm" label="新しいパスワード（確認用）" type="password" error={errors?.password_confirm} autocomplete="new-password" maxLength={128} hint="確認のためもう一度ご入力ください。" />
        <p class="hint">変更すると、ほかの端末でのログインは終了します。</p>
        <div class="actions">
          <SubmitButton>変更する</SubmitButton>
          <a class="button" href={CHANGES_TAB}>
            戻る
          </a>
        </div>
      </PostForm>
    </Layout>
  );
}

export function PasswordChangeCompletePage({ ctx }: { ctx: PageContext }) {
  return (
    <Layout ctx={ctx} title="パスワードの変更 完了">
      <h1>パスワードの変更</h1>
      <p class="lead">パスワードを変更しました。</p>
      <p>次回から新しいパスワードでログインしてください。ご登録のメールアドレスに、変更のお知らせをお送りしました。</p>
      <BackToChanges />
    </Layout>
  );
}

// ---- お客さまWebサービスの利用停止

const STOP_TITLE = 'お客さまWebサービスの利用停止';

export function StopServicePage({ ctx, errors, message }: { ctx: PageContext; errors?: FieldErrors | undefined; message?: string | undefined }) {
  return (
    <Layout ctx={ctx} title={STOP_TITLE}>
      <h1>{STOP_TITLE}</h1>
      <p>お客さまWebサービスのご利用を停止します。内容をご確認ください。</p>
      <ul class="stop-notes">
        <li>ご契約（保険）の内容や補償には影響ありません。ご契約に関するお手続きは、取扱代理店または{ctx.brand.deskName}で引き続き承ります。</li>
        <li>利用停止後は、現在のユーザーID・パスワードでログインできなくなります。</li>
        <li>お手続きの途中のもの（メールアドレスの変更など）は取り消されます。お申し込みが完了した継続手続は、そのまま保険会社でお手続きします。</li>
        <li>再度ご利用いただく場合は、「初めてご利用いただく方はこちら」から新規利用登録をお手続きください。</li>
      </ul>
      <p>よろしければ、パスワードを入力して「利用を停止する」ボタンを押してください。</p>
      <ErrorSummary errors={errors} message={message} />
      <PostForm action={STOP_PATH} csrf={ctx.csrf}>
        <TextField name="password" label="パスワード" type="password" error={errors?.password} autocomplete="current-password" maxLength={128} />
        <div class="actions">
          <SubmitButton>利用を停止する</SubmitButton>
          <a class="button" href="/mypage/other">
            戻る
          </a>
        </div>
      </PostForm>
    </Layout>
  );
}

export function StopServiceCompletePage({ ctx }: { ctx: PageContext }) {
  return (
    <Layout ctx={ctx} title="ご利用停止を受け付けました">
      <h1>ご利用停止を受け付けました</h1>
      <p>お客さまWebサービスの利用停止を受け付けました。これまでのご利用ありがとうございました。</p>
      <p>ご契約（保険）の内容には影響ありません。ご登録のメールアドレスに、利用停止のお知らせをお送りしました。</p>
      <p>再度ご利用いただく場合は、新規利用登録をお手続きください。</p>
      <div class="actions">
        <a class="button" href="/register">
          新規利用登録
        </a>
        <a class="button" href="/">
          トップページへ
        </a>
      </div>
    </Layout>
  );
}

import type { FieldErrors } from '../../platform/ui/form.js';
import { Entries, ErrorSummary, PostForm, RadioGroup, StepIndicator, SubmitButton, TextField } from '../../platform/ui/form.js';
import { formatDateTime } from '../../platform/ui/i18n/format.js';
import type { Locale } from '../../platform/ui/i18n/locale.js';
import { Layout } from '../../platform/ui/layout.js';
import type { PageContext } from '../../platform/ui/page-context.js';
import { NONE } from '../policies/labels.js';
import type { MyPageData } from '../policies/customer-policies.js';
import { MyPageLayout } from '../policies/my-page-layout.js';
import { Agencies, ByAgencyOrDesk } from './agencies.js';
import { EMAIL_CHANGE_PATH } from './email-change.js';
import { reminderChoices } from './forms.js';
import { settingsMailMessages } from './mail-messages.js';
import { settingsMessages } from './messages.js';
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

function BackTo({ href, label }: { href: string; label: string }) {
  return (
    <p>
      <a class="button" href={href}>
        {label}
      </a>
    </p>
  );
}

const BackToChanges = ({ locale }: { locale: Locale }) => <BackTo href={CHANGES_TAB} label={settingsMessages.of(locale).backToChanges} />;

const addressLine = (c: { postalCode: string | null; address: string | null }) => [c.postalCode ? `〒${c.postalCode}` : '', c.address ?? ''].filter(Boolean).join(' ') || NONE;

// 受付済 / 手続き完了 / 差戻し: the insurer's outcome, recorded in the console or by the core system.
const STATES: Record<RecentAddressChange['status'], { label: 'statusPending' | 'statusDone' | 'statusRejected'; badge: string }> = {
  pending: { label: 'statusPending', badge: 'pending' },
  done: { label: 'statusDone', badge: 'done' },
  rejected: { label: 'statusRejected', badge: 'rejected' },
};

function AddressRequests({ locale, requests }: { locale: Locale; requests: RecentAddressChange[] }) {
  if (requests.length === 0) return null;
  const m = settingsMessages.of(locale);
  return (
    <ul class="change-requests">
      {requests.map((r) => (
        <li>
          <strong class={`badge ${STATES[r.status].badge}`}>{m[STATES[r.status].label]}</strong>
          <span>{m.requestReceivedAt({ at: formatDateTime(locale, new Date(r.receivedAt)) })}</span>
          <span>{m.requestLine({ address: addressLine(r), phone: r.phone ?? NONE })}</span>
          {r.note ? <span class="note-text">{m.insurerNote({ note: r.note })}</span> : null}
        </li>
      ))}
    </ul>
  );
}

/** 各種変更の手続き: address and phone (a request for the insurer), e-mail, password; the rest by agency or desk. */
export function ChangesTab({ ctx, data, summary }: { ctx: PageContext; data: MyPageData; summary: ChangesSummary }) {
  const m = settingsMessages.of(ctx.locale);
  return (
    <MyPageLayout ctx={ctx} data={data} active="changes">
      <section class="change-item" aria-labelledby="change-address">
        <h3 id="change-address">{m.addressTitle}</h3>
        <p>{m.addressIntro}</p>
        <AddressRequests locale={ctx.locale} requests={summary.addressChanges} />
        <a class="button" href={ADDRESS_PATH}>
          {m.addressButton}
        </a>
      </section>
      <section class="change-item" aria-labelledby="change-email">
        <h3 id="change-email">{m.emailTitle}</h3>
        <Entries rows={[[m.currentEmail, summary.userId]]} />
        {summary.pendingEmail ? <p class="notice">{m.pendingEmail({ email: summary.pendingEmail.newEmail, until: formatDateTime(ctx.locale, summary.pendingEmail.expiresAt) })}</p> : null}
        <a class="button" href={EMAIL_CHANGE_PATH}>
          {m.emailButton}
        </a>
      </section>
      <section class="change-item" aria-labelledby="change-password">
        <h3 id="change-password">{m.passwordTitle}</h3>
        <p>{m.passwordIntro}</p>
        <a class="button" href={PASSWORD_PATH}>
          {m.passwordButton}
        </a>
      </section>
      <section class="change-item" aria-labelledby="change-login-methods">
        <h3 id="change-login-methods">{m.loginMethodsHeading}</h3>
        <p>{m.loginMethodsIntro}</p>
        <a class="button" href={LOGIN_METHODS_PATH}>
          {m.loginMethodsButton}
        </a>
      </section>
      <section class="change-item" aria-labelledby="change-login-history">
        <h3 id="change-login-history">{m.loginHistoryHeading}</h3>
        <p>{m.loginHistoryIntro}</p>
        <a class="button" href={LOGIN_HISTORY_PATH}>
          {m.loginHistoryButton}
        </a>
      </section>
      <section class="change-item" aria-labelledby="change-reminders">
        <h3 id="change-reminders">{m.remindersHeading}</h3>
        <p>{m.remindersIntro}</p>
        <Entries rows={[[m.currentSetting, reminderWord(ctx.locale, summary.remindersOptOut)]]} />
        <a class="button" href={REMINDERS_PATH}>
          {m.remindersButton}
        </a>
      </section>
      <section class="change-item" aria-labelledby="change-others">
        <h3 id="change-others">{m.othersHeading}</h3>
        <ByAgencyOrDesk ctx={ctx} />
        <ul>
          <li>{m.otherVehicle}</li>
          <li>{m.otherDrivers}</li>
          <li>{m.otherPayment}</li>
        </ul>
        <Agencies ctx={ctx} data={data} />
      </section>
    </MyPageLayout>
  );
}

/** その他の手続: stopping the web service here; the rest by agency or desk. */
export function OtherTab({ ctx, data }: { ctx: PageContext; data: MyPageData }) {
  const m = settingsMessages.of(ctx.locale);
  return (
    <MyPageLayout ctx={ctx} data={data} active="other">
      <section class="change-item" aria-labelledby="other-stop">
        <h3 id="other-stop">{m.stopTitle}</h3>
        <p>{m.stopIntro}</p>
        <a class="button" href={STOP_PATH}>
          {m.stopButton}
        </a>
      </section>
      <section class="change-item" aria-labelledby="other-by-agency">
        <h3 id="other-by-agency">{m.byAgencyHeading({ desk: ctx.brand.deskName })}</h3>
        <ByAgencyOrDesk ctx={ctx} />
        <ul>
          <li>{m.otherAccident}</li>
          <li>{m.otherCancel}</li>
          <li>{m.otherHolder}</li>
          <li>{m.otherReissue}</li>
        </ul>
        <p>{m.accidentNote}</p>
        <Agencies ctx={ctx} data={data} />
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
  const m = settingsMessages.of(ctx.locale);
  return (
    <Layout ctx={ctx} title={m.addressTitle}>
      <h1>{m.addressTitle}</h1>
      <p>{m.addressPageIntro}</p>
      <h2>{m.onFileHeading}</h2>
      <Entries
        rows={[
          [m.address, onFile ? addressLine(onFile) : NONE],
          [m.phone, onFile?.phone ?? NONE],
        ]}
      />
      {policyNumbers.length > 0 ? <p class="hint">{m.appliesTo({ policyNumbers })}</p> : null}
      <ErrorSummary errors={errors} message={message} />
      <PostForm action={ADDRESS_PATH} csrf={ctx.csrf}>
        <TextField name="postal_code" label={m.postalCode} value={values.postal_code} error={errors?.postal_code} autocomplete="postal-code" inputMode="numeric" maxLength={20} hint={m.postalCodeHint} />
        <TextField name="address" label={m.address} value={values.address} error={errors?.address} autocomplete="street-address" maxLength={120} hint={m.addressHint} />
        <TextField name="phone" label={m.phone} type="tel" value={values.phone} error={errors?.phone} autocomplete="tel" maxLength={30} hint={m.phoneHint} />
        <p class="hint">{m.addressProcessNote}</p>
        <div class="actions">
          <SubmitButton>{m.addressSubmit}</SubmitButton>
          <a class="button" href={CHANGES_TAB}>
            {m.back}
          </a>
        </div>
      </PostForm>
    </Layout>
  );
}

export function AddressChangeCompletePage({ ctx, request }: { ctx: PageContext; request: PendingAddressChange }) {
  const m = settingsMessages.of(ctx.locale);
  return (
    <Layout ctx={ctx} title={m.addressCompleteTitle}>
      <h1>{m.addressTitle}</h1>
      <p class="lead">{m.addressReceivedLead}</p>
      <Entries
        rows={[
          [m.receivedAt, formatDateTime(ctx.locale, new Date(request.receivedAt))],
          [m.address, addressLine(request)],
          [m.phone, request.phone],
          [m.status, m.statusPending],
        ]}
      />
      <p>{m.addressCompleteBody}</p>
      <BackToChanges locale={ctx.locale} />
    </Layout>
  );
}

// ---- メールアドレス（ユーザーID）の変更

const emailSteps = (locale: Locale) => {
  const m = settingsMessages.of(locale);
  return [m.stepNewEmail, m.stepCheckMail, m.stepDone];
};

interface EmailPageProps {
  ctx: PageContext;
  currentEmail: string;
  values: Partial<Record<'new_email' | 'new_email_confirm', string>>;
  errors?: FieldErrors | undefined;
  message?: string | undefined;
}

export function EmailChangePage({ ctx, currentEmail, values, errors, message }: EmailPageProps) {
  const m = settingsMessages.of(ctx.locale);
  return (
    <Layout ctx={ctx} title={m.emailTitle}>
      <h1>{m.emailTitle}</h1>
      <StepIndicator steps={emailSteps(ctx.locale)} current={1} />
      <p>{m.emailPageIntro}</p>
      <Entries rows={[[m.currentEmail, currentEmail]]} />
      <ErrorSummary errors={errors} message={message} />
      <PostForm action={EMAIL_CHANGE_PATH} csrf={ctx.csrf}>
        <TextField name="new_email" label={m.newEmail} type="email" value={values.new_email} error={errors?.new_email} autocomplete="email" inputMode="email" maxLength={254} hint={m.newEmailHint} />
        <TextField name="new_email_confirm" label={m.newEmailConfirm} type="email" value={values.new_email_confirm} error={errors?.new_email_confirm} autocomplete="off" inputMode="email" maxLength={254} hint={m.confirmHint} />
        <TextField name="current_password" label={m.currentPassword} type="password" error={errors?.current_password} autocomplete="current-password" maxLength={128} />
        <div class="actions">
          <SubmitButton>{m.emailSubmit}</SubmitButton>
          <a class="button" href={CHANGES_TAB}>
            {m.back}
          </a>
        </div>
      </PostForm>
    </Layout>
  );
}

export function EmailChangeSentPage({ ctx, newEmail, ttlText }: { ctx: PageContext; newEmail: string; ttlText: string }) {
  const m = settingsMessages.of(ctx.locale);
  return (
    <Layout ctx={ctx} title={m.emailSentTitle({ title: m.emailTitle })}>
      <h1>{m.emailTitle}</h1>
      <StepIndicator steps={emailSteps(ctx.locale)} current={2} />
      <p class="lead">{m.emailSentLead}</p>
      <p>{m.emailSentBody({ email: newEmail, subject: settingsMailMessages.of(ctx.locale).confirmSubject })}</p>
      <p>{m.emailSentTtl({ ttl: ttlText })}</p>
      <p class="hint">{m.emailSentHint}</p>
      <BackToChanges locale={ctx.locale} />
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

/** Behind the mail link: a GET only shows this; the button's POST makes the change. */
export function EmailChangeConfirmPage({ ctx, token, currentEmail, newEmail, taken }: EmailConfirmProps) {
  const m = settingsMessages.of(ctx.locale);
  return (
    <Layout ctx={ctx} title={m.emailConfirmTitle({ title: m.emailTitle })}>
      <h1>{m.emailTitle}</h1>
      <StepIndicator steps={emailSteps(ctx.locale)} current={2} />
      <Entries
        rows={[
          [m.currentEmail, currentEmail],
          [m.newEmail, newEmail],
        ]}
      />
      {taken ? (
        <>
          <ErrorSummary message={m.emailTaken} />
          <BackTo href={EMAIL_CHANGE_PATH} label={m.emailRestart} />
        </>
      ) : (
        <>
          <p>{m.emailConfirmBody}</p>
          <p class="hint">{m.emailConfirmHint}</p>
          <PostForm action={`${EMAIL_CHANGE_PATH}/confirm`} csrf={ctx.csrf}>
            <input type="hidden" name="token" value={token} />
            <div class="actions">
              <SubmitButton>{m.change}</SubmitButton>
              <a class="button" href={CHANGES_TAB}>
                {m.dontChange}
              </a>
            </div>
          </PostForm>
        </>
      )}
    </Layout>
  );
}

export function EmailChangeCompletePage({ ctx, userId }: { ctx: PageContext; userId: string }) {
  const m = settingsMessages.of(ctx.locale);
  return (
    <Layout ctx={ctx} title={m.complete({ title: m.emailTitle })}>
      <h1>{m.emailTitle}</h1>
      <StepIndicator steps={emailSteps(ctx.locale)} current={3} />
      <p class="lead">{m.emailChangedLead}</p>
      <Entries rows={[[m.emailUserId, userId]]} />
      <p>{m.emailCompleteBody}</p>
      <BackToChanges locale={ctx.locale} />
    </Layout>
  );
}

// ---- 満期案内メール

const reminderWord = (locale: Locale, optOut: boolean) => {
  const m = settingsMessages.of(locale);
  return optOut ? m.remindersDecline : m.remindersReceive;
};

export function ReminderSettingPage({ ctx, optOut, errors }: { ctx: PageContext; optOut: boolean; errors?: FieldErrors | undefined }) {
  const m = settingsMessages.of(ctx.locale);
  return (
    <Layout ctx={ctx} title={m.remindersTitle}>
      <h1>{m.remindersTitle}</h1>
      <p>{m.remindersPageIntro}</p>
      <ErrorSummary errors={errors} />
      <PostForm action={REMINDERS_PATH} csrf={ctx.csrf}>
        <RadioGroup name="reminders" legend={m.remindersHeading} options={reminderChoices(ctx.locale)} value={optOut ? 'decline' : 'receive'} error={errors?.reminders} hint={m.remindersHint} />
        <div class="actions">
          <SubmitButton>{m.remindersSubmit}</SubmitButton>
          <a class="button" href={CHANGES_TAB}>
            {m.back}
          </a>
        </div>
      </PostForm>
    </Layout>
  );
}

export function ReminderSettingCompletePage({ ctx, optOut }: { ctx: PageContext; optOut: boolean }) {
  const m = settingsMessages.of(ctx.locale);
  return (
    <Layout ctx={ctx} title={m.complete({ title: m.remindersTitle })}>
      <h1>{m.remindersTitle}</h1>
      <p class="lead">{m.remindersChangedLead}</p>
      <Entries rows={[[m.remindersHeading, reminderWord(ctx.locale, optOut)]]} />
      <BackToChanges locale={ctx.locale} />
    </Layout>
  );
}

// ---- パスワードの変更

export function PasswordChangePage({ ctx, ruleText, errors, message }: { ctx: PageContext; ruleText: string; errors?: FieldErrors | undefined; message?: string | undefined }) {
  const m = settingsMessages.of(ctx.locale);
  return (
    <Layout ctx={ctx} title={m.passwordTitle}>
      <h1>{m.passwordTitle}</h1>
      <p>{m.passwordPageIntro}</p>
      <ErrorSummary errors={errors} message={message} />
      <PostForm action={PASSWORD_PATH} csrf={ctx.csrf}>
        <TextField name="current_password" label={m.currentPassword} type="password" error={errors?.current_password} autocomplete="current-password" maxLength={128} />
        <TextField name="password" label={m.newPassword} type="password" error={errors?.password} autocomplete="new-password" maxLength={128} hint={ruleText} />
        <TextField name="password_confirm" label={m.newPasswordConfirm} type="password" error={errors?.password_confirm} autocomplete="new-password" maxLength={128} hint={m.confirmHint} />
        <p class="hint">{m.logsOutOthers}</p>
        <div class="actions">
          <SubmitButton>{m.change}</SubmitButton>
          <a class="button" href={CHANGES_TAB}>
            {m.back}
          </a>
        </div>
      </PostForm>
    </Layout>
  );
}

export function PasswordChangeCompletePage({ ctx }: { ctx: PageContext }) {
  const m = settingsMessages.of(ctx.locale);
  return (
    <Layout ctx={ctx} title={m.complete({ title: m.passwordTitle })}>
      <h1>{m.passwordTitle}</h1>
      <p class="lead">{m.passwordChangedLead}</p>
      <p>{m.newPasswordCompleteBody}</p>
      <BackToChanges locale={ctx.locale} />
    </Layout>
  );
}

// ---- お客さまWebサービスの利用停止

export function StopServicePage({ ctx, errors, message }: { ctx: PageContext; errors?: FieldErrors | undefined; message?: string | undefined }) {
  const m = settingsMessages.of(ctx.locale);
  return (
    <Layout ctx={ctx} title={m.stopTitle}>
      <h1>{m.stopTitle}</h1>
      <p>{m.stopPageIntro}</p>
      <ul class="stop-notes">
        <li>{m.stopNotePolicies({ desk: ctx.brand.deskName })}</li>
        <li>{m.stopNoteLogin}</li>
        <li>{m.stopNoteFlows}</li>
        <li>{m.stopNoteAgain}</li>
      </ul>
      <p>{m.stopConfirm}</p>
      <ErrorSummary errors={errors} message={message} />
      <PostForm action={STOP_PATH} csrf={ctx.csrf}>
        <TextField name="password" label={m.password} type="password" error={errors?.password} autocomplete="current-password" maxLength={128} />
        <div class="actions">
          <SubmitButton>{m.stopSubmit}</SubmitButton>
          <a class="button" href="/mypage/other">
            {m.back}
          </a>
        </div>
      </PostForm>
    </Layout>
  );
}

export function StopServiceCompletePage({ ctx }: { ctx: PageContext }) {
  const m = settingsMessages.of(ctx.locale);
  return (
    <Layout ctx={ctx} title={m.stoppedTitle}>
      <h1>{m.stoppedTitle}</h1>
      <p>{m.stoppedThanks}</p>
      <p>{m.stoppedPolicies}</p>
      <p>{m.stoppedAgain}</p>
      <div class="actions">
        <a class="button" href="/register">
          {m.register}
        </a>
        <a class="button" href="/">
          {m.toTop}
        </a>
      </div>
    </Layout>
  );
}

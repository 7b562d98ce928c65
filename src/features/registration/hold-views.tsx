import type { BrandConfig } from '../../config.js';
import { Entries, PostForm, SubmitButton } from '../../platform/ui/form.js';
import { formatDateTime } from '../../platform/ui/i18n/format.js';
import type { Locale } from '../../platform/ui/i18n/locale.js';
import { Layout } from '../../platform/ui/layout.js';
import type { PageContext } from '../../platform/ui/page-context.js';
import { maskEmail } from '../../platform/mail/layout.js';
import type { HoldStatus } from './hold-repository.js';
import type { CancelProblem } from './hold.js';
import { holdMessages } from './messages.js';

/**
 * みらい損保 インターネットデスク（0120-000-000、受付時間：(月～金) 9:00～17:30）, as the contact block says it;
 * `brand` is the page's (already in its language).
 */
export const deskText = (brand: BrandConfig, locale: Locale = 'ja'): string =>
  holdMessages.of(locale).desk({ brand: brand.name, desk: brand.deskName, phone: brand.deskPhone, open: brand.deskOpen.replace(/^0/, ''), close: brand.deskClose.replace(/^0/, '') });

const heldText = (locale: Locale): Record<Exclude<HoldStatus, 'pending'>, string> => {
  const m = holdMessages.of(locale);
  return { applied: m.heldApplied, cancelled: m.heldCancelled, replaced: m.heldReplaced, refused: m.heldRefused };
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
  const m = holdMessages.of(ctx.locale);
  return (
    <Layout ctx={ctx} title={m.heldTitle({ title })}>
      <h1>{title}</h1>
      <p class="lead">{m.heldLead}</p>
      {status === 'pending' ? (
        <>
          <p>{m.heldWhy}</p>
          <Entries
            rows={[
              [m.newUserId, userId],
              [m.effectiveAt, formatDateTime(ctx.locale, effectiveAt)],
            ]}
          />
          <p>{m.heldAfter}</p>
          <p>{m.heldMailed}</p>
        </>
      ) : (
        <p class="notice">{heldText(ctx.locale)[status]}</p>
      )}
      <p>{m.urgentContact({ desk: deskText(ctx.brand, ctx.locale) })}</p>
      <div class="actions">
        <a class="button" href="/">
          {m.toTop}
        </a>
      </div>
    </Layout>
  );
}

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
  const m = holdMessages.of(ctx.locale);
  return (
    <Layout ctx={ctx} title={m.cancelTitle}>
      <h1>{m.cancelTitle}</h1>
      <p>{m.cancelRequested({ at: formatDateTime(ctx.locale, requestedAt) })}</p>
      <Entries
        rows={[
          [m.newUserId, maskEmail(newUserId)],
          [m.effectiveAt, formatDateTime(ctx.locale, effectiveAt)],
        ]}
      />
      <p>{m.cancelExplain}</p>
      <PostForm action={action} csrf={ctx.csrf}>
        <input type="hidden" name="token" value={token} />
        <div class="actions">
          <SubmitButton>{m.cancelButton}</SubmitButton>
        </div>
      </PostForm>
    </Layout>
  );
}

/** Cancelled: nothing changes; change the password and call the desk. */
export function CancelledPage({ ctx }: { ctx: PageContext }) {
  const m = holdMessages.of(ctx.locale);
  return (
    <Layout ctx={ctx} title={m.cancelledTitle}>
      <h1>{m.cancelledTitle}</h1>
      <p class="lead">{m.cancelledLead}</p>
      <p>{m.cancelledKeep}</p>
      <p class="notice">{m.cancelledNotice}</p>
      <p>{m.contact({ desk: deskText(ctx.brand, ctx.locale) })}</p>
      <div class="actions">
        <a class="button primary" href="/login">
          {m.login}
        </a>
      </div>
    </Layout>
  );
}

const problemText = (locale: Locale): Record<CancelProblem, string> => {
  const m = holdMessages.of(locale);
  return { unknown: m.problemUnknown, used: m.problemUsed, replaced: m.problemReplaced, in_effect: m.problemInEffect };
};

export function CancelUnavailablePage({ ctx, problem }: { ctx: PageContext; problem: CancelProblem }) {
  const m = holdMessages.of(ctx.locale);
  return (
    <Layout ctx={ctx} title={m.invalidTitle}>
      <h1>{m.invalidTitle}</h1>
      <p class="notice">{problemText(ctx.locale)[problem]}</p>
      <p>{m.contact({ desk: deskText(ctx.brand, ctx.locale) })}</p>
      <div class="actions">
        <a class="button" href="/">
          {m.toTop}
        </a>
      </div>
    </Layout>
  );
}

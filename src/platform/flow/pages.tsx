import { defineCatalogue } from '../ui/i18n/catalogue.js';
import type { Locale } from '../ui/i18n/locale.js';
import { formatDuration } from '../mail/layout.js';
import { Layout } from '../ui/layout.js';
import type { PageContext } from '../ui/page-context.js';

/** Why a mail link cannot be used, in the words the page uses. */
export type LinkProblem = 'unknown' | 'used' | 'expired' | 'burned' | 'replaced';

export interface Restart {
  href: string;
  /** The button's words; a function gives them in the page's language. */
  label: string | ((locale: Locale) => string);
}

const flowMessages = defineCatalogue(
  'platform/flow',
  {
    unknown: 'URLが正しくないか、このURLのお手続きは受け付けられません。メールに記載されたURLを省略せずに開いてください。',
    used: 'このURLは既に使用されています。URLは一回のお手続きのみ有効です。',
    expired: 'このURLは有効期限が過ぎています。',
    burned: 'キーワードの入力誤りが所定の回数を超えたため、このURLは使用できなくなりました。',
    replaced: 'その後に新しいご案内メールの送信やお手続きがあったため、このURLは使用できなくなりました。最新のメールのURLをご利用ください。',
    startAgain: 'お手数ですが、最初からお手続きをやり直してください。',
    invalidTitle: 'このURLは無効です',
    ttlNote: (p: { ttl: string }) => `URLの有効期限は、メール送信から${p.ttl}です。`,
    endedTitle: 'お手続きを続けられません',
    endMissing: 'このお手続きは既に終了しているか、別の画面または別の端末で進められています。',
    endExpired: 'お手続きの有効期限が切れました。',
    endBurned: 'キーワードの入力誤りが所定の回数を超えたため、このお手続きは終了しました。',
  },
  {
    unknown: 'This link is not correct, or its procedure can no longer be accepted. Please open the whole link as written in the e-mail.',
    used: 'This link has already been used. Each link works for one procedure only.',
    expired: 'This link has expired.',
    burned: 'The keyword was entered wrongly too many times, so this link can no longer be used.',
    replaced: 'A newer e-mail was sent or another procedure was made since, so this link can no longer be used. Please use the link in the latest e-mail.',
    startAgain: 'Please start the procedure again from the beginning.',
    invalidTitle: 'This link is not valid',
    ttlNote: (p: { ttl: string }) => `A link is valid for ${p.ttl} after the e-mail is sent.`,
    endedTitle: 'This procedure cannot continue',
    endMissing: 'This procedure has already ended, or it is being continued on another screen or device.',
    endExpired: 'This procedure has expired.',
    endBurned: 'The keyword was entered wrongly too many times, so this procedure has ended.',
  },
);

/** A page that ends a flow: what happened, and the way to start again. */
export function StartAgainPage({ ctx, title, notice, note, restart }: { ctx: PageContext; title: string; notice: string; note?: string | null; restart: Restart }) {
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <p class="notice">{notice}</p>
      {note ? <p>{note}</p> : null}
      <p>{flowMessages.of(ctx.locale).startAgain}</p>
      <p>
        <a class="button" href={restart.href}>
          {typeof restart.label === 'string' ? restart.label : restart.label(ctx.locale)}
        </a>
      </p>
    </Layout>
  );
}

/** A mail link that cannot be used; `ttlMs`, the links' life, is stated when it has expired. */
export function InvalidLinkPage({ ctx, problem, restart, ttlMs }: { ctx: PageContext; problem: LinkProblem; restart: Restart; ttlMs: number }) {
  const m = flowMessages.of(ctx.locale);
  const note = problem === 'expired' ? m.ttlNote({ ttl: formatDuration(ttlMs, ctx.locale) }) : null;
  return <StartAgainPage ctx={ctx} title={m.invalidTitle} notice={m[problem]} note={note} restart={restart} />;
}

export type FlowEnd = 'missing' | 'expired' | 'burned';

const END_KEYS = { missing: 'endMissing', expired: 'endExpired', burned: 'endBurned' } as const;

export function FlowEndedPage({ ctx, end, restart }: { ctx: PageContext; end: FlowEnd; restart: Restart }) {
  const m = flowMessages.of(ctx.locale);
  return <StartAgainPage ctx={ctx} title={m.endedTitle} notice={m[END_KEYS[end]]} restart={restart} />;
}

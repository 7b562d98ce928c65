import { Layout } from '../ui/layout.js';
import type { PageContext } from '../ui/page-context.js';

/** Why a mail link cannot be used, in the words the page uses. */
export type LinkProblem = 'unknown' | 'used' | 'expired' | 'burned' | 'replaced';

export interface Restart {
  href: string;
  label: string;
}

const linkProblemText: Record<LinkProblem, string> = {
  unknown: 'URLが正しくないか、このURLのお手続きは受け付けられません。メールに記載されたURLを省略せずに開いてください。',
  used: 'このURLは既に使用されています。URLは一回のお手続きのみ有効です。',
  expired: 'このURLは有効期限が過ぎています。',
  burned: 'キーワードの入力誤りが所定の回数を超えたため、このURLは使用できなくなりました。',
  replaced: 'その後に新しいご案内メールの送信やお手続きがあったため、このURLは使用できなくなりました。最新のメールのURLをご利用ください。',
};

/** A page that ends a flow: what happened, and the way to start again. */
export function StartAgainPage({ ctx, title, notice, note, restart }: { ctx: PageContext; title: string; notice: string; note?: string | null; restart: Restart }) {
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <p class="notice">{notice}</p>
      {note ? <p>{note}</p> : null}
      <p>お手数ですが、最初からお手続きをやり直してください。</p>
      <p>
        <a class="button" href={restart.href}>
          {restart.label}
        </a>
      </p>
    </Layout>
  );
}

export function InvalidLinkPage({ ctx, problem, restart, ttlText }: { ctx: PageContext; problem: LinkProblem; restart: Restart; ttlText: string }) {
  const note = problem === 'expired' ? `URLの有効期限は、メール送信から${ttlText}です。` : null;
  return <StartAgainPage ctx={ctx} title="このURLは無効です" notice={linkProblemText[problem]} note={note} restart={restart} />;
}

export type FlowEnd = 'missing' | 'expired' | 'burned';

const flowEndText: Record<FlowEnd, string> = {
  missing: 'このお手続きは既に終了しているか、別の画面または別の端末で進められています。',
  expired: 'お手続きの有効期限が切れました。',
  burned: 'キーワードの入力誤りが所定の回数を超えたため、このお手続きは終了しました。',
};

export function FlowEndedPage({ ctx, end, restart }: { ctx: PageContext; end: FlowEnd; restart: Restart }) {
  return <StartAgainPage ctx={ctx} title="お手続きを続けられません" notice={flowEndText[end]} restart={restart} />;
}

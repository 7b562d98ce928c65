// Words the desk's pages show for stored codes and browsers. Pure.

/** A short name of the browser and system from a User-Agent (e.g. Chrome（Windows）); the raw text stays in a title. */
export function browserLabel(userAgent: string): string {
  const ua = userAgent;
  const browser = /Edg\//.test(ua)
    ? 'Edge'
    : /OPR\//.test(ua)
      ? 'Opera'
      : /Firefox\//.test(ua)
        ? 'Firefox'
        : /(Chrome|Chromium|CriOS)\//.test(ua)
          ? 'Chrome'
          : /Safari\//.test(ua) && /Version\//.test(ua)
            ? 'Safari'
            : null;
  const system = /iPhone|iPad|iPod/.test(ua) ? 'iOS' : /Android/.test(ua) ? 'Android' : /Windows/.test(ua) ? 'Windows' : /Mac OS X|Macintosh/.test(ua) ? 'macOS' : /Linux/.test(ua) ? 'Linux' : null;
  if (!browser && !system) return ua.trim() === '' ? '不明' : 'その他';
  return `${browser ?? 'その他'}（${system ?? '不明'}）`;
}

const FLOW_KINDS: Record<string, string> = {
  registration: '初回利用登録',
  recovery: 'ID・パスワードの再設定',
  renewal: '継続手続',
  email_change: 'メールアドレスの変更',
};
export const flowKindLabel = (kind: string): string => FLOW_KINDS[kind] ?? kind;

const MAIL_STATUSES: Record<string, string> = { queued: '送信待ち', sending: '送信中', sent: '送信済', failed: '送信失敗' };
export const mailStatusLabel = (status: string): string => MAIL_STATUSES[status] ?? status;

const CHANGE_KINDS: Record<string, string> = { address: '住所・電話番号の変更' };
export const changeKindLabel = (kind: string): string => CHANGE_KINDS[kind] ?? kind;
const CHANGE_STATUSES: Record<string, string> = { pending: '受付済（未取込）', acknowledged: '取込済', done: '完了', rejected: 'お受けできませんでした' };
export const changeStatusLabel = (status: string): string => CHANGE_STATUSES[status] ?? status;

/** The event's name in words: one table for the audit log and the desk (console/audit-labels.ts). */
export { auditKindLabel } from '../audit-labels.js';

const ACTOR_KINDS: Record<string, string> = { customer: 'お客さま', staff: '職員', api_client: '連携システム', system: 'システム' };
export const actorKindLabel = (kind: string | null): string => (kind ? (ACTOR_KINDS[kind] ?? kind) : '（未ログイン）');

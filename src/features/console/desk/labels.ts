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

const AUDIT_KINDS: Record<string, string> = {
  login_succeeded: 'ログイン',
  login_failed: 'ログイン失敗',
  login_locked: 'ログインのロック',
  logout: 'ログアウト',
  passkey_registered: 'パスキーの登録',
  passkey_registration_failed: 'パスキーの登録失敗',
  passkey_removed: 'パスキーの削除',
  passkey_login_succeeded: 'パスキーでログイン',
  passkey_login_failed: 'パスキーでのログイン失敗',
  passkey_login_locked: 'パスキーでのログインの一時停止',
  reauth_succeeded: 'ご本人確認（再入力）',
  reauth_failed: 'ご本人確認の失敗',
  password_login_stopped: 'パスワードでのログインの停止',
  password_login_resumed: 'パスワードでのログインの再開',
  recovery_password_login_resumed: 'パスワードでのログインの再開（再登録）',
  login_temporary_password_expired: 'ログイン失敗（仮パスワードの期限切れ）',
  password_changed: 'パスワードの変更',
  temporary_password_replaced: '新しいパスワードの設定（仮パスワードから）',
  registration_started: '初回利用登録の開始',
  registration_completed: '初回利用登録の完了',
  recovery_completed: 'ID・パスワードの再設定',
  console_customer_viewed: 'コンソールで照会',
  console_customers_searched: 'コンソールで検索',
  console_customer_unlocked: 'ロック解除（デスク）',
  console_customer_sessions_ended: 'セッションの終了（デスク）',
  console_customer_suspended: '利用停止（デスク）',
  console_customer_resumed: '利用再開（デスク）',
  console_mail_resent: 'メールの再送（デスク）',
  console_customer_temporary_password_issued: '仮パスワードの発行（デスク）',
  console_customer_temporary_password_shown: '仮パスワードの表示（デスク）',
};
/** The event's name in words where the desk knows it; the stored kind otherwise. */
export const auditKindLabel = (kind: string): string => AUDIT_KINDS[kind] ?? kind;

const ACTOR_KINDS: Record<string, string> = { customer: 'お客さま', staff: '職員', api_client: '連携システム', system: 'システム' };
export const actorKindLabel = (kind: string | null): string => (kind ? (ACTOR_KINDS[kind] ?? kind) : '（未ログイン）');

// The audit events this feature writes (see platform/auth/audit.ts).
declare module '../../platform/auth/audit.js' {
  interface AuditKinds {
    /** ログイン履歴 viewed by the customer. */
    login_history_viewed: true;
    /** ログアウトさせる: one of the customer's other sessions ended by the customer. */
    session_ended_by_customer: true;
    /** ほかの端末からすべてログアウト. */
    other_sessions_ended_by_customer: true;
  }
}

export {};

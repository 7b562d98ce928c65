// The audit events this feature writes (see platform/auth/audit.ts).
declare module '../../platform/auth/audit.js' {
  interface AuditKinds {
    recovery_throttled: true;
    recovery_requested: true;
    recovery_mail_suppressed: true;
    recovery_mail_sent: true;
    recovery_completed: true;
    recovery_keyword_verified: true;
    /** The completion lifted 「パスワードでのログインを停止する」 (decision 0022); the customer is mailed. */
    recovery_password_login_resumed: true;
  }
}

export {};

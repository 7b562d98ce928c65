// The audit events this feature writes (see platform/auth/audit.ts).
declare module '../../platform/auth/audit.js' {
  interface AuditKinds {
    settings_password_throttled: true;
    settings_password_failed: true;
    password_changed: true;
    /** 新しいパスワードの設定 after a login with the desk's 仮パスワード. */
    temporary_password_replaced: true;
    email_change_throttled: true;
    email_change_requested: true;
    email_change_refused: true;
    email_changed: true;
    address_change_requested: true;
    service_stopped: true;
    reminder_mail_setting_changed: true;
  }
}

export {};

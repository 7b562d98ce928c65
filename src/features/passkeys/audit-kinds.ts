// The audit events this feature writes (see platform/auth/audit.ts).
declare module '../../platform/auth/audit.js' {
  interface AuditKinds {
    passkey_registered: true;
    /** An authenticator's answer at registration that did not verify. */
    passkey_registration_failed: true;
    passkey_removed: true;
    /** A login with a passkey (the password login's is login_succeeded). */
    passkey_login_succeeded: true;
    passkey_login_failed: true;
    passkey_login_locked: true;
    /** The password or a passkey entered again for a step-up. */
    reauth_succeeded: true;
    reauth_failed: true;
    /** 「パスワードでのログインを停止する」 and its undoing (by the customer, or by recovery). */
    password_login_stopped: true;
    password_login_resumed: true;
  }
}

export {};

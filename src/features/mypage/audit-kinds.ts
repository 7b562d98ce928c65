// The audit events this feature writes (see platform/auth/audit.ts).
declare module '../../platform/auth/audit.js' {
  interface AuditKinds {
    policy_linked: true;
    policy_link_throttled: true;
    policy_link_failed: true;
  }
}

export {};

// The audit events this feature writes (see platform/auth/audit.ts).
declare module '../../platform/auth/audit.js' {
  interface AuditKinds {
    policies_imported: true;
    policies_retired: true;
  }
}

export {};

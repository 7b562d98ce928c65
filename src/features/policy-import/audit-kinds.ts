// The audit events this feature writes (see platform/auth/audit.ts). The API's carry the client
// as actor and the policy as subject; an update names the columns it changed.
declare module '../../platform/auth/audit.js' {
  interface AuditKinds {
    policies_imported: true;
    api_policy_created: true;
    api_policy_updated: true;
    policies_retired: true;
  }
}

export {};

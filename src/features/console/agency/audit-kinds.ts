// The audit events of the agencies' pages (see platform/auth/audit.ts). Actor { kind: 'staff', id };
// 満期管理: subject { kind: 'agency', id: code }; お知らせ: subject { kind: 'agency_news', id },
// with the before and after of a change.
declare module '../../../platform/auth/audit.js' {
  interface AuditKinds {
    console_expiries_viewed: true;
    console_expiries_exported: true;
    agency_news_created: true;
    agency_news_updated: true;
    agency_news_published: true;
    agency_news_unpublished: true;
    agency_news_deleted: true;
  }
}

export {};

/** The administrator's menu on the console's home. */
export const ADMIN_MENU = [
  { href: '/console/staff', label: 'スタッフ管理' },
  { href: '/console/audit', label: '操作ログ' },
  { href: '/console/api-clients', label: 'APIクライアント' },
  { href: '/console/webhooks', label: 'Webhook 配信状況' },
] as const;

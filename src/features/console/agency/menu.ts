/** 満期管理 on the console's home (every role). */
export const EXPIRY_MENU = [{ href: '/console/expiries', label: '満期管理' }] as const;
/** お知らせ on the console's home (agency and admin). */
export const NEWS_MENU = [{ href: '/console/news', label: 'お知らせ' }] as const;

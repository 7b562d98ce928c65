/** 変更受付 on the console's home: every role (an agency's staff see their agency's customers' only). */
export const CHANGE_REQUESTS_MENU = [{ href: '/console/change-requests', label: '変更受付' }] as const;

/** The internet desk's menu on the console's home (roles desk and admin). */
export const DESK_MENU = [{ href: '/console/customers', label: 'お客さま検索' }] as const;

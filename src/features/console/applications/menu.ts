/** 継続申込 on the console's home: every role (an agency's staff see their agency's only). */
export const APPLICATIONS_MENU = [{ href: '/console/renewal-applications', label: '継続申込' }] as const;

import { defineCatalogue } from '../../platform/ui/i18n/catalogue.js';

/** The frame of the logged-in customer's pages: the greeting, 前回ログイン日時 and the five tabs. */
export const myPageMessages = defineCatalogue(
  'policies/my-page',
  {
    tabHome: 'ホーム',
    tabPolicies: '契約内容の確認',
    tabChanges: '各種変更の手続き',
    tabRenewals: '契約の継続手続',
    tabOther: 'その他の手続',
    greeting: (p: { family: string; given: string }) => `${p.family} ${p.given} 様`,
    previousLogin: '前回ログイン日時',
    firstLogin: '初めてのログインです',
    menu: 'お客さまメニュー',
  },
  {
    tabHome: 'Home',
    tabPolicies: 'Your policies',
    tabChanges: 'Changes',
    tabRenewals: 'Renewal',
    tabOther: 'Other',
    greeting: (p: { family: string; given: string }) => `${p.family} ${p.given}`,
    previousLogin: 'Last login',
    firstLogin: 'This is your first login',
    menu: 'Your menu',
  },
);

import { brandIn, type BrandConfig } from '../../config.js';
import { customerMail } from '../../platform/mail/layout.js';
import type { MailMessage } from '../../platform/mail/outbox.js';
import { defineCatalogue } from '../../platform/ui/i18n/catalogue.js';
import { formatDate } from '../../platform/ui/i18n/format.js';
import type { Locale } from '../../platform/ui/i18n/locale.js';
import { renewalWindow } from '../policies/renewal-window.js';

const reminderMessages = defineCatalogue(
  'reminders/mail',
  {
    subject: '自動車保険の満期のご案内',
    dear: (p: { family: string; given: string }) => `${p.family} ${p.given} 様`,
    expires: (p: { date: string; days: number }) => `ご契約の自動車保険は、${p.date}に満期を迎えます（あと${p.days}日）。`,
    policyHeading: '■ご契約内容',
    policyNumber: (p: { number: string }) => `証券番号:${p.number}`,
    vehicle: (p: { model: string }) => `車名:${p.model}`,
    endDate: (p: { date: string }) => `満期日:${p.date}`,
    agency: (p: { agency: string }) => `取扱代理店:${p.agency}`,
    renewalHeading: '■継続手続のご案内',
    renewUntil: (p: { brand: string; closes: string; opens: string }) =>
      `継続手続は、満期日の前日（${p.closes}）まで、${p.brand}「お客さまWebサービス」でオンラインにてお手続きいただけます（受付開始:${p.opens}）。`,
    howTo: (p: { brand: string; topUrl: string }) =>
      `${p.brand}「お客さまWebサービス」のトップページ（${p.topUrl}）から、ご登録のユーザーID・パスワードでログインのうえ、ホームの「継続手続」からお進みください。`,
    noLink: '※本メールには、ログイン用のURLは記載しておりません。',
    questions: (p: { agency: string }) => `ご不明な点は、取扱代理店（${p.agency}）または下記【お問い合わせ先】までお問い合わせください。`,
    optOut: '満期案内メールがご不要の場合は、ログイン後の「各種変更の手続き」から「受け取らない」をお選びいただけます。',
  },
  {
    subject: 'Your auto insurance expires soon',
    dear: (p: { family: string; given: string }) => `Dear ${p.family} ${p.given},`,
    expires: (p: { date: string; days: number }) => `Your auto insurance policy expires on ${p.date} (${p.days === 1 ? '1 day' : `${p.days} days`} from today).`,
    policyHeading: '[Your policy]',
    policyNumber: (p: { number: string }) => `Policy number (証券番号): ${p.number}`,
    vehicle: (p: { model: string }) => `Car model (車名): ${p.model}`,
    endDate: (p: { date: string }) => `Expiry date (満期日): ${p.date}`,
    agency: (p: { agency: string }) => `Agency (取扱代理店): ${p.agency}`,
    renewalHeading: '[How to renew]',
    renewUntil: (p: { brand: string; closes: string; opens: string }) =>
      `You can renew online on the ${p.brand} Customer Web Service until the day before the expiry date (${p.closes}). Online renewal opens on ${p.opens}.`,
    howTo: (p: { brand: string; topUrl: string }) =>
      `Go to the top page of the ${p.brand} Customer Web Service (${p.topUrl}), log in with your user ID and password, then open “Renewal” and press “Renew”.`,
    noLink: 'For your security, this e-mail contains no login link.',
    questions: (p: { agency: string }) => `If you have any questions, please contact your agency (${p.agency}) or us (see [Contact] below).`,
    optOut: 'If you do not want these renewal reminder e-mails, log in, open “Changes” and choose “Do not receive” under “Renewal reminder e-mails”.',
  },
);

/** The 満期案内's subject in Japanese (without the 【brand】 the layout adds). */
export const REMINDER_SUBJECT = reminderMessages.of('ja').subject;

export interface ReminderMailInput {
  brand: BrandConfig;
  /** The service's top page (BASE_URL/): no login link, no token. */
  topUrl: string;
  to: string;
  familyName: string;
  givenName: string;
  policyNumber: string;
  vehicleModel: string | null;
  endDate: string;
  agencyName: string;
  daysLeft: number;
  /** The customer's language (customers.locale); Japanese when not given. */
  locale?: Locale;
}

/**
 * 満期案内: the policy, its 満期日 and the online renewal until the day before, how to reach the
 * service by its name and top page, the agency and the desk (the layout's footer). It carries
 * no link into an account: the customer goes to the service and logs in as always.
 */
export function reminderMail(input: ReminderMailInput): MailMessage {
  const locale = input.locale ?? 'ja';
  const m = reminderMessages.of(locale);
  const brand = brandIn(input.brand, locale);
  const date = (isoDate: string) => formatDate(locale, isoDate);
  const window = renewalWindow(input.endDate);
  return customerMail(
    input.brand,
    input.to,
    m.subject,
    [
      m.dear({ family: input.familyName, given: input.givenName }),
      '',
      m.expires({ date: date(input.endDate), days: input.daysLeft }),
      '',
      m.policyHeading,
      m.policyNumber({ number: input.policyNumber }),
      m.vehicle({ model: input.vehicleModel ?? '―' }),
      m.endDate({ date: date(input.endDate) }),
      m.agency({ agency: input.agencyName }),
      '',
      m.renewalHeading,
      m.renewUntil({ brand: brand.name, closes: date(window.closesOn), opens: date(window.opensOn) }),
      m.howTo({ brand: brand.name, topUrl: input.topUrl }),
      m.noLink,
      '',
      m.questions({ agency: input.agencyName }),
      m.optOut,
    ],
    locale,
  );
}

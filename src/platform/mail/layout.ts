import { brandIn, type BrandConfig } from '../../config.js';
import { japanParts } from '../../platform/clock.js';
import type { MailMessage } from '../../platform/mail/outbox.js';
import { defineCatalogue } from '../ui/i18n/catalogue.js';
import { formatDateTime } from '../ui/i18n/format.js';
import type { Locale } from '../ui/i18n/locale.js';

const mailMessages = defineCatalogue(
  'platform/mail',
  {
    hours: (p: { n: number }) => `${p.n}時間`,
    minutes: (p: { n: number }) => `${p.n}分`,
    seconds: (p: { n: number }) => `${p.n}秒`,
    greeting: (p: { brand: string }) => `${p.brand}「お客さまWebサービス」をご利用いただきありがとうございます。`,
    subject: (p: { brand: string; subject: string }) => `【${p.brand}】${p.subject}`,
    footerIntro: '本メールに心当たりのない場合や不明な点がある場合は、お手数ですが、以下【お問い合わせ先】までご連絡ください。',
    footerHeading: '【お問い合わせ先】',
    phone: (p: { phone: string }) => `TEL:${p.phone}(無料)`,
    hoursLine: (p: { open: string; close: string }) => `受付時間:月~金曜日(除く祝日・年末年始)${p.open}~${p.close}`,
    autoSent: '本メールはお客さまのご入力いただいた内容に基づき自動発信しております。',
    noReply: '本メールへのお問い合わせ（ご返信）は承りかねますので、あらかじめご了承願います。',
    linkOnce: (p: { ttl: string }) =>
      `※このURLはセキュリティを考慮し、一回のお手続きのみ有効となっております。また、本メール発信から${p.ttl}を経過しますと、利用できなくなりますのでご注意ください。`,
  },
  {
    hours: (p: { n: number }) => (p.n === 1 ? '1 hour' : `${p.n} hours`),
    minutes: (p: { n: number }) => (p.n === 1 ? '1 minute' : `${p.n} minutes`),
    seconds: (p: { n: number }) => (p.n === 1 ? '1 second' : `${p.n} seconds`),
    greeting: (p: { brand: string }) => `Thank you for using the ${p.brand} Customer Web Service.`,
    subject: (p: { brand: string; subject: string }) => `[${p.brand}] ${p.subject}`,
    footerIntro: 'If you did not expect this e-mail or have any questions, please contact us:',
    footerHeading: '[Contact]',
    phone: (p: { phone: string }) => `Tel: ${p.phone} (toll-free)`,
    hoursLine: (p: { open: string; close: string }) => `Hours: Mon–Fri ${p.open}–${p.close} Japan time (closed on national holidays and 29 December – 3 January)`,
    autoSent: 'This e-mail was sent automatically, based on what you entered.',
    noReply: 'Replies to this e-mail are not read; please contact us as above.',
    linkOnce: (p: { ttl: string }) =>
      `For your security this link works for one procedure only, and it stops working ${p.ttl} after this e-mail was sent.`,
  },
);

/** 48時間, 90分, 2秒 / 48 hours, 90 minutes: a link's life as the mail states it. */
export function formatDuration(ms: number, locale: Locale): string {
  const m = mailMessages.of(locale);
  if (ms % 3_600_000 === 0) return m.hours({ n: ms / 3_600_000 });
  if (ms % 60_000 === 0) return m.minutes({ n: ms / 60_000 });
  return m.seconds({ n: Math.ceil(ms / 1000) });
}

/** ご利用期限:2026年11月27日18時30分まで (Japan time) / Valid until: 27 November 2026, 18:30 (JST). */
export function deadlineLine(at: Date, locale: Locale = 'ja'): string {
  if (locale === 'en') return `Valid until: ${formatDateTime('en', at)}`;
  const p = japanParts(at);
  return `ご利用期限:${p.year}年${p.month}月${p.day}日${p.hour}時${String(p.minute).padStart(2, '0')}分まで`;
}

/** The 【お問い合わせ先】 block and the auto-sent notice that end every flow mail (`brand` as configured; shown in `locale`). */
export function mailFooter(configured: BrandConfig, locale: Locale = 'ja'): string {
  const m = mailMessages.of(locale);
  const brand = brandIn(configured, locale);
  return [
    m.footerIntro,
    '',
    m.footerHeading,
    brand.companyName,
    brand.deskName,
    m.phone({ phone: brand.deskPhone }),
    m.hoursLine({ open: brand.deskOpen.replace(/^0/, ''), close: brand.deskClose.replace(/^0/, '') }),
    '',
    m.autoSent,
    m.noReply,
  ].join('\n');
}

export interface LinkMailInput {
  brand: BrandConfig;
  url: string;
  sentAt: Date;
  ttlMs: number;
  /** The mail's language (the customer's); Japanese when not given. */
  locale?: Locale;
}

/** The paragraph about the link: valid once, for the TTL, and until when. */
export function linkBlock({ url, sentAt, ttlMs, locale = 'ja' }: LinkMailInput): string {
  return [mailMessages.of(locale).linkOnce({ ttl: formatDuration(ttlMs, locale) }), '', url, deadlineLine(new Date(sentAt.getTime() + ttlMs), locale)].join('\n');
}

/** t***@example.com: enough for the owner to recognise, not the whole address. */
export function maskEmail(address: string): string {
  const at = address.lastIndexOf('@');
  if (at < 1) return '***';
  return `${address.slice(0, 1)}***${address.slice(at)}`;
}

/** The greeting that opens every customer mail. */
const mailGreeting = (configured: BrandConfig, locale: Locale = 'ja'): string => mailMessages.of(locale).greeting({ brand: brandIn(configured, locale).name });

/** A mail to a customer: 【brand】subject; the greeting, the lines, and the contact footer. */
export function customerMail(configured: BrandConfig, to: string, subject: string, lines: string[], locale: Locale = 'ja'): MailMessage {
  const m = mailMessages.of(locale);
  const text = [mailGreeting(configured, locale), '', ...lines, '', mailFooter(configured, locale), ''].join('\n');
  return { to, subject: m.subject({ brand: brandIn(configured, locale).name, subject }), text };
}

/** A flow's mail with its one-time link: what to do at the link, then the link paragraph. */
export const linkMail = (input: LinkMailInput & { to: string }, subject: string, lines: string[]): MailMessage =>
  customerMail(input.brand, input.to, subject, [...lines, '', linkBlock(input)], input.locale);

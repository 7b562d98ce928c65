import type { BrandConfig } from '../../config.js';
import { japanParts } from '../../platform/clock.js';
import type { MailMessage } from '../../platform/mail/outbox.js';

/** 48時間, 90分, 2秒: a link's life as the mail states it. */
export function formatDurationJa(ms: number): string {
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000}時間`;
  if (ms % 60_000 === 0) return `${ms / 60_000}分`;
  return `${Math.ceil(ms / 1000)}秒`;
}

/** ご利用期限:2026年11月27日18時30分まで (Japan time). */
export function deadlineLine(at: Date): string {
  const p = japanParts(at);
  return `ご利用期限:${p.year}年${p.month}月${p.day}日${p.hour}時${String(p.minute).padStart(2, '0')}分まで`;
}

/** The 【お問い合わせ先】 block and the auto-sent notice that end every flow mail. */
export function mailFooter(brand: BrandConfig): string {
  return [
    '本メールに心当たりのない場合や不明な点がある場合は、お手数ですが、以下【お問い合わせ先】までご連絡ください。',
    '',
    '【お問い合わせ先】',
    brand.companyName,
    brand.deskName,
    `TEL:${brand.deskPhone}(無料)`,
    `受付時間:月~金曜日(除く祝日・年末年始)${brand.deskOpen.replace(/^0/, '')}~${brand.deskClose.replace(/^0/, '')}`,
    '',
    '本メールはお客さまのご入力いただいた内容に基づき自動発信しております。',
    '本メールへのお問い合わせ（ご返信）は承りかねますので、あらかじめご了承願います。',
  ].join('\n');
}

export interface LinkMailInput {
  brand: BrandConfig;
  url: string;
  sentAt: Date;
  ttlMs: number;
}

/** The paragraph about the link: valid once, for the TTL, and until when. */
export function linkBlock({ url, sentAt, ttlMs }: LinkMailInput): string {
  return [
    `※このURLはセキュリティを考慮し、一回のお手続きのみ有効となっております。また、本メール発信から${formatDurationJa(ttlMs)}を経過しますと、利用できなくなりますのでご注意ください。`,
    '',
    url,
    deadlineLine(new Date(sentAt.getTime() + ttlMs)),
  ].join('\n');
}

/** t***@example.com: enough for the owner to recognise, not the whole address. */
export function maskEmail(address: string): string {
  const at = address.lastIndexOf('@');
  if (at < 1) return '***';
  return `${address.slice(0, 1)}***${address.slice(at)}`;
}

/** A mail to a customer: 【brand】subject; the greeting, the lines, and the contact footer. */
export function customerMail(brand: BrandConfig, to: string, subject: string, lines: string[]): MailMessage {
  const text = [`${brand.name}「お客さまWebサービス」をご利用いただきありがとうございます。`, '', ...lines, '', mailFooter(brand), ''].join('\n');
  return { to, subject: `【${brand.name}】${subject}`, text };
}

/** A flow's mail with its one-time link: what to do at the link, then the link paragraph. */
export const linkMail = (input: LinkMailInput & { to: string }, subject: string, lines: string[]): MailMessage =>
  customerMail(input.brand, input.to, subject, [...lines, '', linkBlock(input)]);

import { sealText, unsealText } from '../crypto.js';

/**
 * Values a mail carries that the outbox must not keep readable (a one-time link's token):
 * the text holds a slot for each, `secretSlot(name)`; the values travel here, by name.
 */
export type MailSecrets = Readonly<Record<string, string>>;

const NAME = /^[a-z][a-z0-9_]{0,31}$/;
const SLOT = /\{\{secret:([a-z][a-z0-9_]{0,31})\}\}/g;

/** Where the secret `name` goes in a mail's text; its value goes in the message's `secrets`. */
export function secretSlot(name: string): string {
  if (!NAME.test(name)) throw new Error(`not a mail secret name: ${name}`);
  return `{{secret:${name}}}`;
}

const slotNames = (text: string): Set<string> => new Set([...text.matchAll(SLOT)].map((match) => match[1] ?? ''));

const URL_IN_TEXT = /https?:\/\/\S+/g;
// 22 base64url characters hold 128 bits, the least a token has; shorter values are not secrets.
const TOKEN_SHAPED_PARAMETER = /[?&#;][^=\s&#;]*=[A-Za-z0-9_-]{22,}/;

/** Whether a URL in the text has a query or fragment value shaped like a random token. */
export const hasTokenShapedLink = (text: string): boolean =>
  [...text.matchAll(URL_IN_TEXT)].some(([url]) => TOKEN_SHAPED_PARAMETER.test(url));

/**
 * Refuses a mail that would put a secret into the outbox in clear: a token-shaped link
 * parameter written into the text, a slot without its value, or a value without its slot.
 */
export function assertSecretsInSlots(text: string, subject: string, secrets: MailSecrets = {}): void {
  if (hasTokenShapedLink(text) || hasTokenShapedLink(subject)) {
    throw new Error('mail text has a token-shaped link parameter: pass the token in secrets and put secretSlot(name) in the text');
  }
  const slots = slotNames(text);
  for (const name of Object.keys(secrets)) {
    if (!NAME.test(name) || !slots.has(name)) throw new Error(`mail secret "${name}" has no slot in the text`);
  }
  for (const name of slots) {
    if (!Object.hasOwn(secrets, name)) throw new Error(`mail slot "${name}" has no secret`);
  }
}

/** The text with every slot filled in, or null if a slot has no value (never send a bare slot). */
export function fillSecrets(text: string, secrets: MailSecrets): string | null {
  let complete = true;
  const filled = text.replace(SLOT, (_slot, name: string) => {
    const value = Object.hasOwn(secrets, name) ? secrets[name] : undefined;
    if (value === undefined) complete = false;
    return value ?? '';
  });
  return complete ? filled : null;
}

const PURPOSE = 'outbox-mail-secrets';

// The row's id and recipient are authenticated with the values: sealed secrets copied to
// another row, or a row redirected to another address, no longer open.
const rowContext = (id: string, to: string): string => `${id}\n${to}`;

export const sealSecrets = (serverSecret: string, id: string, to: string, secrets: MailSecrets): string =>
  sealText(serverSecret, PURPOSE, JSON.stringify(secrets), rowContext(id, to));

function parseSecrets(json: string): MailSecrets | null {
  const value: unknown = JSON.parse(json);
  if (typeof value !== 'object' || value === null) return null;
  const entries: Array<[string, unknown]> = Object.entries(value);
  const strings = entries.filter((entry): entry is [string, string] => typeof entry[1] === 'string');
  return strings.length === entries.length ? Object.fromEntries(strings) : null;
}

export interface SealedMailText {
  id: string;
  to_address: string;
  text_body: string;
  secrets_sealed: string | null;
}

/** The text to deliver, secrets filled in; null if they cannot be opened (altered, moved, or another server secret). */
export function openMailText(serverSecret: string, row: SealedMailText): string | null {
  if (row.secrets_sealed === null) return fillSecrets(row.text_body, {});
  const json = unsealText(serverSecret, PURPOSE, row.secrets_sealed, rowContext(row.id, row.to_address));
  const secrets = json === null ? null : parseSecrets(json);
  return secrets ? fillSecrets(row.text_body, secrets) : null;
}

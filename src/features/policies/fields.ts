import { defineCatalogue } from '../../platform/ui/i18n/catalogue.js';
import type { Locale } from '../../platform/ui/i18n/locale.js';
import { field, missing, tooLong } from '../../platform/ui/form-parse.js';
import { isKatakana, normalizeKana, normalizeName } from './holder.js';
import { hasPolicyNumberCharacters, normalizePolicyNumber, POLICY_NUMBER_MAX_LENGTH } from './policy-number.js';

// Form fields in the holder's words: 姓・名, セイ・メイ and 証券番号 as a customer types them.

export const holderFieldMessages = defineCatalogue(
  'policies/fields',
  {
    policyNumber: '証券番号',
    kanaOnly: (p: { label: string }) => `${p.label}はカタカナまたはひらがなで入力してください。`,
    policyNumberCharacters: '証券番号は半角英数字で入力してください。',
  },
  {
    policyNumber: 'Policy number (証券番号)',
    kanaOnly: (p: { label: string }) => `${p.label}: please enter it in katakana or hiragana, as on your policy.`,
    policyNumberCharacters: 'Please enter the policy number in half-width letters and digits, as on your policy.',
  },
);

export const nameField = (label: string, max = 30, locale: Locale = 'ja') =>
  field<string>((raw) => {
    const value = normalizeName(raw);
    if (value === '') return { error: missing(label, locale) };
    return value.length > max ? { error: tooLong(label, max, locale) } : { value };
  });

export const kanaField = (label: string, max = 30, locale: Locale = 'ja') =>
  field<string>((raw) => {
    const value = normalizeKana(raw);
    if (value === '') return { error: missing(label, locale) };
    if (value.length > max) return { error: tooLong(label, max, locale) };
    return isKatakana(value) ? { value } : { error: holderFieldMessages.of(locale).kanaOnly({ label }) };
  });

/** 証券番号, its messages in `locale`. */
export const policyNumberFieldIn = (locale: Locale) => {
  const m = holderFieldMessages.of(locale);
  return field<string>((raw) => {
    const value = normalizePolicyNumber(raw);
    if (value === '') return { error: missing(m.policyNumber, locale) };
    if (value.length > POLICY_NUMBER_MAX_LENGTH) return { error: tooLong(m.policyNumber, POLICY_NUMBER_MAX_LENGTH, locale) };
    return hasPolicyNumberCharacters(value) ? { value } : { error: m.policyNumberCharacters };
  });
};

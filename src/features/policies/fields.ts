import { field, missing, tooLong } from '../../platform/ui/form-parse.js';
import { isKatakana, normalizeKana, normalizeName } from './holder.js';
import { hasPolicyNumberCharacters, normalizePolicyNumber, POLICY_NUMBER_MAX_LENGTH } from './policy-number.js';

// Form fields in the holder's words: 姓・名, セイ・メイ and 証券番号 as a customer types them.

export const nameField = (label: string, max = 30) =>
  field<string>((raw) => {
    const value = normalizeName(raw);
    if (value === '') return { error: missing(label) };
    return value.length > max ? { error: tooLong(label, max) } : { value };
  });

export const kanaField = (label: string, max = 30) =>
  field<string>((raw) => {
    const value = normalizeKana(raw);
    if (value === '') return { error: missing(label) };
    if (value.length > max) return { error: tooLong(label, max) };
    return isKatakana(value) ? { value } : { error: `${label}はカタカナまたはひらがなで入力してください。` };
  });

export const policyNumberField = field<string>((raw) => {
  const value = normalizePolicyNumber(raw);
  if (value === '') return { error: missing('証券番号') };
  if (value.length > POLICY_NUMBER_MAX_LENGTH) return { error: tooLong('証券番号', POLICY_NUMBER_MAX_LENGTH) };
  return hasPolicyNumberCharacters(value) ? { value } : { error: '証券番号は半角英数字で入力してください。' };
});

import { z } from 'zod';
import { keywordFieldIn } from '../../platform/auth/keyword.js';
import { agreeField, birthDateField, emailField } from '../../platform/ui/form-parse.js';
import type { Locale } from '../../platform/ui/i18n/locale.js';
import { kanaField, nameField, policyNumberFieldIn } from '../policies/fields.js';
import { registrationMessages } from './messages.js';

/** Step 1 (お客さま情報の入力): `today` is Japan's calendar date, for the birth date. */
export function step1Form(today: string, locale: Locale) {
  const m = registrationMessages.of(locale);
  return z.object({
    family_name: nameField(m.familyName, 30, locale),
    given_name: nameField(m.givenName, 30, locale),
    family_kana: kanaField(m.familyKana, 30, locale),
    given_kana: kanaField(m.givenKana, 30, locale),
    birth_date: birthDateField(today, locale),
    email: emailField(undefined, locale),
    keyword: keywordFieldIn(locale),
    policy_number: policyNumberFieldIn(locale),
    agree: agreeField(locale),
  });
}

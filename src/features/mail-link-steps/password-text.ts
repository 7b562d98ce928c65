import { passwordProblem, passwordRuleText, type PasswordPolicy } from '../../platform/auth/password-rule.js';
import type { Locale } from '../../platform/ui/i18n/locale.js';
import { passwordMessages } from './messages.js';

// The customer password rule in the page's language. The rule itself stays in
// platform/auth/password-rule.ts (Japanese only): English is its messages translated, until the
// platform takes a locale itself.

/** The rule as the form states it. */
export function passwordRuleTextIn(policy: PasswordPolicy, locale: Locale): string {
  if (locale === 'ja') return passwordRuleText(policy);
  const m = passwordMessages.of(locale);
  const range = { min: policy.minLength, max: policy.maxLength };
  return policy.kind === 'asvs' ? m.ruleAsvs(range) : m.ruleSeed(range);
}

type FixedKey = { [K in keyof typeof passwordMessages.messages.ja]: (typeof passwordMessages.messages.ja)[K] extends string ? K : never }[keyof typeof passwordMessages.messages.ja];

/** Why a password cannot be used (null: it can), in `locale`. */
export function passwordProblemIn(password: string, userId: string, policy: PasswordPolicy, locale: Locale): string | null {
  const problem = passwordProblem(password, userId, policy);
  if (problem === null || locale === 'ja') return problem;
  const ja = passwordMessages.of('ja');
  const m = passwordMessages.of(locale);
  const range = { min: policy.minLength, max: policy.maxLength };
  if (problem === ja.length(range)) return m.length(range);
  const key = (Object.keys(ja) as Array<keyof typeof ja>).find((k): k is FixedKey => ja[k] === problem);
  return key ? m[key] : problem;
}

import { useLocale } from './i18n/context.js';
import { uiMessages } from './messages.js';

/** The ways in for someone without working credentials: list items for the top and login pages. */
export function AccountHelpLinks() {
  const m = uiMessages.of(useLocale());
  return (
    <>
      <li>
        <a href="/register">{m.register}</a>
      </li>
      <li>
        <a href="/recovery">{m.recovery}</a>
      </li>
    </>
  );
}

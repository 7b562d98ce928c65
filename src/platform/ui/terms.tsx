import { Checkbox, SubmitButton } from './form.js';
import { useLocale } from './i18n/context.js';
import { uiMessages } from './messages.js';

export function TermsNote() {
  const m = uiMessages.of(useLocale());
  return (
    <p class="terms-note">
      <a href="/terms">{m.termsNoteLink}</a>
      {m.termsNoteAfter}
    </p>
  );
}

/** The end of an entry form: the terms, 利用規約に同意します。 (kept ticked after an error or 修正する) and 次へ. */
export function AgreeAndNext({ error, checked }: { error?: string | undefined; checked?: boolean | undefined }) {
  const m = uiMessages.of(useLocale());
  return (
    <>
      <TermsNote />
      <Checkbox name="agree" label={m.agree} error={error} checked={checked} />
      <div class="actions">
        <SubmitButton>{m.submit}</SubmitButton>
      </div>
    </>
  );
}

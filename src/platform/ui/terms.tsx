import { Checkbox, SubmitButton } from './form.js';

export const TermsNote = () => (
  <p class="terms-note">
    <a href="/terms">利用規約</a>をお読みいただき、同意のうえお進みください。
  </p>
);

/** The end of an entry form: the terms, 利用規約に同意します。 (kept ticked after an error or 修正する) and 次へ. */
export const AgreeAndNext = ({ error, checked }: { error?: string | undefined; checked?: boolean | undefined }) => (
  <>
    <TermsNote />
    <Checkbox name="agree" label="利用規約に同意します。" error={error} checked={checked} />
    <div class="actions">
      <SubmitButton>次へ</SubmitButton>
    </div>
  </>
);

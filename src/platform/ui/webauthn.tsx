import type { ComponentChildren } from 'preact';
import { PostForm } from './form.js';
import { defineCatalogue } from './i18n/catalogue.js';
import { useLocale } from './i18n/context.js';

// What the script says when a ceremony fails, in the page's language (public/webauthn.js reads data-msg-*).
const scriptMessages = defineCatalogue(
  'platform/ui/webauthn',
  {
    cancelled: 'パスキーの操作が取り消されたか、時間内に完了しませんでした。もう一度お試しください。',
    failed: 'パスキーを利用できませんでした。時間をおいてから、もう一度お試しください。',
    name: 'パスキーの名前を入力してください。',
  },
  {
    cancelled: 'The passkey request was cancelled or timed out. Please try again.',
    failed: 'We could not use your passkey. Please wait a little and try again.',
    name: 'Please enter a name for the passkey.',
  },
);

/**
 * The only scripts of the site (decision 0022): @simplewebauthn/browser's bundle, served from the
 * package, and ours that drives it. Pages with a WebAuthn form list them in Layout's `scripts`.
 */
export const WEBAUTHN_BUNDLE_PREFIX = '/static/vendor/simplewebauthn/';
export const WEBAUTHN_BUNDLE_FILE = 'index.umd.min.js';
export const WEBAUTHN_BUNDLE_PATH = `${WEBAUTHN_BUNDLE_PREFIX}${WEBAUTHN_BUNDLE_FILE}`;
export const WEBAUTHN_SCRIPT_PATH = '/static/webauthn.js';
export const WEBAUTHN_SCRIPTS: readonly string[] = [WEBAUTHN_BUNDLE_PATH, WEBAUTHN_SCRIPT_PATH];

/** Where the script asks for a ceremony's options (JSON: `{ purpose, _csrf }`). */
export const WEBAUTHN_OPTIONS_PATH = '/webauthn/options';

/** The hidden field the script fills with the authenticator's answer (JSON) before it submits. */
export const CREDENTIAL_FIELD = 'credential';

export type WebauthnPurpose = 'login' | 'register' | 'reauth';

interface WebauthnFormProps {
  action: string;
  csrf: string;
  purpose: WebauthnPurpose;
  button: string;
  /** Fields of the form besides the credential (a name to give, the return path). */
  children?: ComponentChildren;
  /** What a browser without JavaScript or WebAuthn sees instead of the button. */
  fallback: string;
  /** The login page: also offer the passkeys in the ユーザーID field's autofill (conditional UI). */
  autofill?: boolean;
  /** The page's main action (パスキーを登録する), styled as such. */
  primary?: boolean;
}

/**
 * A form the script completes: it stays hidden until the script has found WebAuthn in the browser;
 * without JavaScript the fallback text says what is needed, and the rest of the page works as before.
 */
export function WebauthnForm({ action, csrf, purpose, button, children, fallback, autofill, primary }: WebauthnFormProps) {
  const m = scriptMessages.of(useLocale());
  return (
    <div class="webauthn">
      <div
        class="webauthn-form"
        data-webauthn={purpose}
        data-autofill={autofill ? 'true' : undefined}
        data-msg-cancelled={m.cancelled}
        data-msg-failed={m.failed}
        data-msg-name={m.name}
        hidden
      >
        <PostForm action={action} csrf={csrf}>
          <input type="hidden" name={CREDENTIAL_FIELD} value="" />
          {children}
          <p class="error webauthn-error" role="alert" hidden></p>
          <div class="actions">
            <button type="submit" class={primary ? 'button primary' : 'button'}>
              {button}
            </button>
          </div>
        </PostForm>
      </div>
      <p class="webauthn-fallback">{fallback}</p>
    </div>
  );
}

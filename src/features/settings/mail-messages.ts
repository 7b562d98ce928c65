import { defineCatalogue } from '../../platform/ui/i18n/catalogue.js';

/** The settings mails (mail.ts), in the language of the request that sends them. */
export const settingsMailMessages = defineCatalogue(
  'settings/mail',
  {
    confirmSubject: 'メールアドレス変更のご確認',
    confirmReceived: 'メールアドレス（ユーザーID）の変更のお申し出を受け付けました。',
    confirmHowTo: '変更を完了するために、以下のURLをクリックして画面を開き、「変更する」ボタンを押してください。',
    confirmLogin: '画面を開く際にログインを求められた場合は、変更前のユーザーID（メールアドレス）とパスワードでログインしてください。',
    confirmUntil: '変更が完了するまでは、変更前のメールアドレスがユーザーIDです。',

    emailChangedSubject: 'メールアドレス変更のお知らせ',
    emailChanged: 'お客さまWebサービスのメールアドレス（ユーザーID）が変更されました。',
    changedAt: (p: { at: string }) => `変更日時:${p.at}`,
    newAddress: (p: { email: string }) => `変更後のメールアドレス:${p.email}`,
    loginWithNew: '今後のログインには、変更後のメールアドレスをユーザーIDとしてご利用ください。',
    notYou: 'このお手続きにお心当たりのない場合は、至急、以下【お問い合わせ先】までご連絡ください。',

    passwordChangedSubject: 'パスワード変更のお知らせ',
    passwordChanged: 'お客さまWebサービスのパスワードが変更されました。',

    addressSubject: '住所・電話番号変更のお申し出受付のお知らせ',
    addressReceived: 'ご住所・お電話番号の変更のお申し出を受け付けました。',
    receivedAt: (p: { at: string }) => `受付日時:${p.at}`,
    addressProcess: '保険会社でお手続きのうえ、ご契約に反映いたします。反映までお時間をいただく場合があります。',
    addressWhere: 'お申し出の内容は、お客さまWebサービスの「各種変更の手続き」でご確認いただけます。',

    stoppedSubject: 'お客さまWebサービス利用停止のお知らせ',
    stopped: 'お客さまWebサービスの利用停止を受け付けました。',
    policiesStay: 'ご契約（保険）の内容には影響ありません。',
    registerAgain: '再度ご利用いただく場合は、お客さまWebサービスの「初めてご利用いただく方はこちら」から新規利用登録をお手続きください。',
  },
  {
    confirmSubject: 'Please confirm your new e-mail address',
    confirmReceived: 'We have received your request to change your e-mail address (user ID).',
    confirmHowTo: 'To complete the change, open the link below and press "Change".',
    confirmLogin: 'If you are asked to log in, use your previous user ID (e-mail address) and your password.',
    confirmUntil: 'Until the change is complete, your previous e-mail address stays your user ID.',

    emailChangedSubject: 'Your e-mail address has been changed',
    emailChanged: 'The e-mail address (user ID) of your Customer Web Service account has been changed.',
    changedAt: (p: { at: string }) => `Changed: ${p.at}`,
    newAddress: (p: { email: string }) => `New e-mail address: ${p.email}`,
    loginWithNew: 'From now on, please log in with the new e-mail address as your user ID.',
    notYou: 'If you did not make this change, please contact us at once (see [Contact] below).',

    passwordChangedSubject: 'Your password has been changed',
    passwordChanged: 'The password of your Customer Web Service account has been changed.',

    addressSubject: 'We have received your change of address or phone number',
    addressReceived: 'We have received your request to change your address or phone number.',
    receivedAt: (p: { at: string }) => `Received: ${p.at}`,
    addressProcess: 'The insurer will process it and update your policies. This may take some time.',
    addressWhere: 'You can see your request under Changes in the Customer Web Service.',

    stoppedSubject: 'You have stopped using the Customer Web Service',
    stopped: 'You have stopped using the Customer Web Service.',
    policiesStay: 'Your insurance policies are not affected.',
    registerAgain: 'To use the service again, register as a new user with "First time here? Register" on the Customer Web Service.',
  },
);

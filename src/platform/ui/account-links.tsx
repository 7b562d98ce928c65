/** The ways in for someone without working credentials: list items for the top and login pages. */
export function AccountHelpLinks() {
  return (
    <>
      <li>
        <a href="/register">初めてご利用いただく方はこちら</a>
      </li>
      <li>
        <a href="/recovery">ユーザーID・パスワードをお忘れの方はこちら</a>
      </li>
    </>
  );
}

import type { ComponentChildren } from 'preact';
import { Layout } from '../../platform/ui/layout.js';
import type { PageContext } from '../../platform/ui/page-context.js';

/** 推奨環境: what a customer's device needs, and when the service is available. */
export function EnvironmentPage({ ctx, serviceHours }: { ctx: PageContext; serviceHours: string }) {
  return (
    <Layout ctx={ctx} title="推奨環境">
      <h1>推奨環境</h1>
      <p>お客さまWebサービスを安全・快適にご利用いただくため、次の環境でのご利用をおすすめします。</p>
      <h2>ブラウザ</h2>
      <table class="spec">
        <thead>
          <tr>
            <th scope="col">端末</th>
            <th scope="col">ブラウザ</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">パソコン</th>
            <td>Google Chrome、Microsoft Edge、Safari、Mozilla Firefox（いずれも最新版）</td>
          </tr>
          <tr>
            <th scope="row">スマートフォン・タブレット</th>
            <td>iPhone・iPad：Safari（最新版）／Android：Google Chrome（最新版）</td>
          </tr>
        </tbody>
      </table>
      <h2>ブラウザの設定</h2>
      <ul>
        <li>Cookie（クッキー）を有効にしてください。ログインの状態やお手続きの途中経過を保つために使用します。Cookieが無効の場合はご利用いただけません。</li>
        <li>JavaScriptは必須ではありません。無効のままでもすべてのお手続きをご利用いただけます。</li>
        <li>セキュリティのため、ブラウザは常に最新版に更新してご利用ください。</li>
      </ul>
      <h2 id="service-hours">ご利用可能時間</h2>
      <p>{serviceHours}</p>
      <p class="hint">※システムメンテナンス中は画面が表示されません。メンテナンス終了後に、あらためてアクセスしてください。</p>
    </Layout>
  );
}

function Article({ n, title, children }: { n: number; title: string; children: ComponentChildren }) {
  return (
    <section class="terms-article">
      <h2>{`第${n}条（${title}）`}</h2>
      {children}
    </section>
  );
}

// A brand-neutral starting text: each insurer replaces these terms with its own, reviewed by its legal department.
/** 利用規約 */
export function TermsPage({ ctx }: { ctx: PageContext }) {
  const company = ctx.brand.companyName;
  return (
    <Layout ctx={ctx} title="利用規約">
      <h1>お客さまWebサービス 利用規約</h1>
      <p>
        この規約は、{company}（以下「当社」といいます。）が提供する「お客さまWebサービス」（以下「本サービス」といいます。）の利用条件を定めるものです。本サービスをご利用になる方（以下「利用者」といいます。）は、この規約に同意のうえご利用ください。
      </p>
      <Article n={1} title="目的">
        <p>本サービスは、当社の保険契約の契約者である利用者が、インターネットを通じて契約内容の確認、自動車保険の継続手続その他当社が定める手続を行うことを目的とします。</p>
      </Article>
      <Article n={2} title="利用登録">
        <ol>
          <li>本サービスの利用を希望する方は、当社所定の方法により、ご本人が利用登録を行うものとします。</li>
          <li>当社は、登録内容を当社が保有する契約情報と照合し、ご本人であることを確認できない場合は、利用登録をお断りすることがあります。</li>
          <li>登録内容に変更があった場合、利用者は速やかに当社所定の方法により変更の手続を行うものとします。</li>
        </ol>
      </Article>
      <Article n={3} title="ユーザーID・パスワードの管理">
        <ol>
          <li>利用者は、ユーザーIDおよびパスワードを自己の責任において管理し、第三者に開示、貸与または譲渡してはなりません。</li>
          <li>ユーザーIDおよびパスワードを用いて行われた手続は、利用者本人が行ったものとみなします。</li>
          <li>ユーザーIDまたはパスワードが第三者に知られたおそれがある場合、利用者は直ちにパスワードを変更し、当社に連絡するものとします。</li>
        </ol>
      </Article>
      <Article n={4} title="禁止事項">
        <p>利用者は、本サービスの利用にあたり、次の行為をしてはなりません。</p>
        <ol>
          <li>他人になりすまして利用する行為、または虚偽の情報を登録する行為</li>
          <li>本サービスの運営を妨げる行為、または当社のシステムに不正にアクセスする行為</li>
          <li>法令または公序良俗に反する行為</li>
          <li>その他、当社が不適切と判断する行為</li>
        </ol>
      </Article>
      <Article n={5} title="サービスの停止">
        <ol>
          <li>当社は、システムの保守、障害、天災その他やむを得ない事由がある場合、利用者に事前に通知することなく、本サービスの全部または一部を停止することがあります。</li>
          <li>定期的なシステムメンテナンスの時間帯は、推奨環境のページに掲載します。</li>
        </ol>
      </Article>
      <Article n={6} title="免責">
        <ol>
          <li>当社は、通信回線や利用者の端末の障害、本サービスの停止などにより利用者に生じた損害について、当社の故意または重大な過失による場合を除き、責任を負いません。</li>
          <li>本サービスで行う手続の効力は、当社所定の確認が完了した時に生じるものとします。</li>
        </ol>
      </Article>
      <Article n={7} title="個人情報の取扱い">
        <p>当社は、本サービスを通じて取得した個人情報を、当社の個人情報保護方針に従い、保険契約の引受け・継続・管理、各種サービスの提供およびご案内のために利用し、適切に管理します。</p>
      </Article>
      <Article n={8} title="規約の変更">
        <p>当社は、必要に応じてこの規約を変更することがあります。変更後の規約は、本サービス上に掲載した時から効力を生じるものとし、変更後に本サービスを利用した利用者は、変更後の規約に同意したものとみなします。</p>
      </Article>
      <p class="terms-footer">以上</p>
    </Layout>
  );
}

/** A response as a test reads it. */
export interface WebPage {
  status: number;
  /** Redirect target, if any. */
  location: string | null;
  html: string;
  headers: Headers;
}

/**
 * A cookie-keeping client for integration tests: like a browser with JavaScript off, it
 * sends the cookies it was given, and posts forms with the CSRF token of the last page it saw.
 * Redirects are not followed, so tests see the 303s.
 */
export class WebClient {
  readonly cookies = new Map<string, string>();
  csrf: string | null = null;

  /** `headers` go with every request (e.g. X-Forwarded-For, to be a client at another address). */
  constructor(readonly baseUrl: string, readonly headers: Record<string, string> = {}) {}

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private keepCookies(headers: Headers): void {
    for (const line of headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attributes.some((a) => /^\s*expires=.*1970/i.test(a) || /^\s*max-age=0\s*$/i.test(a));
      if (expired || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  private async read(response: Response): Promise<WebPage> {
    this.keepCookies(response.headers);
    const html = await response.text();
    const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
    if (token) this.csrf = token;
    return { status: response.status, location: response.headers.get('location'), html, headers: response.headers };
  }

  async get(path: string): Promise<WebPage> {
    return this.read(await fetch(`${this.baseUrl}${path}`, { redirect: 'manual', headers: { ...this.headers, cookie: this.cookieHeader() } }));
  }

  /** Posts urlencoded fields (repeat a name by passing an array), adding the CSRF token unless one is given. */
  async post(path: string, fields: Record<string, string | string[]>, headers: Record<string, string> = {}): Promise<WebPage> {
    const body = new URLSearchParams();
    if (!('_csrf' in fields)) {
      if (!this.csrf) throw new Error('no CSRF token yet: GET the form first');
      body.append('_csrf', this.csrf);
    }
    for (const [name, value] of Object.entries(fields)) {
      for (const v of Array.isArray(value) ? value : [value]) body.append(name, v);
    }
    const response = await fetch(`${this.baseUrl}${path}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { ...this.headers, cookie: this.cookieHeader(), 'content-type': 'application/x-www-form-urlencoded', ...headers },
      body,
    });
    return this.read(response);
  }
}

/** The text of an HTML fragment without tags, entities decoded enough for assertions. */
export function textOf(html: string): string {
  return html
    // A number kept on one line (platform/ui/no-break.tsx) reads as the text around it.
    .replace(/<span class="nw">([^<]*)<\/span>/g, '$1')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The page without the header's language link's return path (`/language/en?next=…`): it echoes the
 * URL the client asked for, so two answers that must be the same (a 404 for someone else's policy
 * and for a missing one) are compared without it.
 */
export const withoutReturnPath = (html: string): string => html.replace(/(href="\/language\/(?:en|ja)\?next=)[^"]*"/g, '$1"');

/*
 * Copyright 2026 The Platform Portal Authors
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

/**
 * Walks an OAuth authorization code flow the way a browser does: follows
 * redirects, keeps cookies per host and submits the provider's login and
 * consent forms.
 */
export class BrowserSession {
  private readonly cookies = new Map<string, Map<string, string>>();

  /**
   * Opens `url` and follows redirects, signing in as `login` when the
   * provider asks: the Dex-like provider's login and consent forms (which
   * check no password), or real Dex's login form (`login` and `password`
   * fields, no prompt). Resolves with the first page that is not a form to
   * fill, which is Dex's form again (401) when it refused the password.
   */
  async signIn(
    url: string,
    login: string,
    password = 'not checked by the provider',
  ): Promise<Response> {
    let res = await this.follow(url);
    for (let step = 0; step < 5; step++) {
      if (res.status !== 200) {
        return res;
      }
      const html = await res.clone().text();
      const prompt = /name="prompt" value="(\w+)"/.exec(html)?.[1];
      const action = /<form[^>]* action="([^"]+)"/.exec(html)?.[1];
      const asksLogin =
        prompt === 'login' || (!prompt && /name="login"/.test(html));
      if (!action || (!prompt && !asksLogin)) {
        return res;
      }
      const form = new URLSearchParams(prompt ? { prompt } : {});
      if (asksLogin) {
        form.set('login', login);
        form.set('password', password);
      }
      const target = new URL(action.replace(/&amp;/g, '&'), res.url);
      res = await this.follow(target.toString(), form);
    }
    throw new Error('Sign-in did not finish after 5 forms');
  }

  private async follow(start: string, form?: URLSearchParams) {
    let url = start;
    let body: URLSearchParams | undefined = form;
    for (let hop = 0; hop < 20; hop++) {
      const res = await fetch(url, {
        method: body ? 'POST' : 'GET',
        body,
        redirect: 'manual',
        headers: { cookie: this.cookieHeader(url) },
      });
      this.store(url, res);
      const location = res.headers.get('location');
      if (res.status < 300 || res.status >= 400 || !location) {
        Object.defineProperty(res, 'url', { value: url });
        return res;
      }
      url = new URL(location, url).toString();
      body = undefined;
    }
    throw new Error(`Too many redirects from ${start}`);
  }

  private cookieHeader(url: string): string {
    const jar = this.cookies.get(new URL(url).hostname) ?? new Map();
    return [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  private store(url: string, res: Response) {
    const host = new URL(url).hostname;
    const jar = this.cookies.get(host) ?? new Map<string, string>();
    for (const header of res.headers.getSetCookie()) {
      const [pair] = header.split(';');
      const index = pair.indexOf('=');
      jar.set(pair.slice(0, index).trim(), pair.slice(index + 1).trim());
    }
    this.cookies.set(host, jar);
  }
}

import type { TestApp } from './testApp.js';

/** The password every test account gets. */
export const PASSWORD = 'mat-khau-rat-dai';

/** A logged-in browser, as far as the API is concerned. */
export interface Login {
  readonly cookie: string;
  readonly csrf: string;
}

/** POSTs a login as the inbox page does. */
export async function login(t: TestApp, username: string, password = PASSWORD, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${t.url}/inbox/api/login`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ username, password }) });
}

/** Logs in (expecting success) and returns the session cookie and CSRF token. */
export async function loginAs(t: TestApp, username: string): Promise<Login> {
  const res = await login(t, username);
  expect(res.status).toBe(200);
  const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
  return { cookie, csrf: ((await res.json()) as { csrfToken: string }).csrfToken };
}

/** Calls an inbox API route as `who` (none: logged out), with the CSRF token on changes unless told otherwise. */
export async function call(t: TestApp, who: Login | undefined, method: string, path: string, body?: unknown, csrf = who?.csrf): Promise<{ status: number; body: Record<string, unknown> }> {
  const headers: Record<string, string> = {};
  if (who) headers.cookie = who.cookie;
  if (method !== 'GET') headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrf) headers['x-csrf-token'] = csrf;
  const res = await fetch(`${t.url}/inbox/api${path}`, { method, headers, body: method === 'GET' ? undefined : JSON.stringify(body ?? {}) });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** One logged-in account of each role: admin, a supervisor of province 79, a counselor of 79.26734. */
export interface RoleLogins {
  readonly admin: Login;
  readonly supervisor: Login;
  readonly counselor: Login;
}

/** Creates the accounts of {@link RoleLogins} (usernames admin, sup79, lan) and logs each in. */
export async function loginEachRole(t: TestApp): Promise<RoleLogins> {
  for (const account of [
    { username: 'lan', displayName: 'Lan', areaCodes: ['79.26734'] },
    { username: 'sup79', displayName: 'Giám sát 79', role: 'supervisor' as const, province: '79' },
    { username: 'admin', displayName: 'Quản trị', role: 'admin' as const },
  ]) {
    await t.app.accounts.create({ ...account, password: PASSWORD });
  }
  const [admin, supervisor, counselor] = await Promise.all([loginAs(t, 'admin'), loginAs(t, 'sup79'), loginAs(t, 'lan')]);
  return { admin: admin!, supervisor: supervisor!, counselor: counselor! };
}

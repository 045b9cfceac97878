import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { loginAs, PASSWORD } from '../support/inboxClient.js';
import { startTestApp, type TestApp } from '../support/testApp.js';

/**
 * The inbox's own pages in Debian's chromium, under their strict CSP: an admin opens the
 * statistics (the table renders), then the directory, filters it, edits a hotline's hours and
 * removes a place. Any script error or CSP violation fails the test.
 */
const CHROMIUM = '/usr/bin/chromium';
const describeIfChromium = fs.existsSync(CHROMIUM) ? describe : describe.skip;

describeIfChromium('inbox statistics and directory pages in a real browser', () => {
  let t: TestApp;
  let context: BrowserContext;
  let page: Page;
  let profileDir: string;
  const problems: string[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    await t.app.accounts.create({ username: 'admin', displayName: 'Quản trị', password: PASSWORD, role: 'admin' });
    const { cookie } = await loginAs(t, 'admin');
    profileDir = fs.mkdtempSync(path.join(os.tmpdir(), 'inbox-pages-chromium-'));
    context = await chromium.launchPersistentContext(profileDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    const [name, value] = cookie.split('=') as [string, string];
    await context.addCookies([{ name, value, url: `${t.url}/inbox` }]);
    page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (error) => problems.push(error.message));
    // The browser asks for /favicon.ico on its own; the inbox has none.
    page.on('console', (message) => void (message.type() === 'error' && !message.location().url.endsWith('/favicon.ico') && problems.push(`${message.text()} ${message.location().url}`)));
  }, 60_000);

  afterAll(async () => {
    await context?.close();
    fs.rmSync(profileDir, { recursive: true, force: true });
    await t?.close();
  });

  it('shows the statistics table', async () => {
    await page.goto(`${t.url}/inbox/statistics`);
    await page.locator('#areas th', { hasText: 'Tổng cộng' }).waitFor();
    expect(await page.locator('#title').textContent()).toBe('Thống kê');
    expect(problems).toEqual([]);
  }, 30_000);

  it('filters the directory, edits an entry and removes one', async () => {
    await page.goto(`${t.url}/inbox/directory`);
    await page.locator('#entries tbody tr').first().waitFor();
    await page.selectOption('#filter-kind', 'hotline');
    await page.click('#filter-show');
    // The unfiltered list has the hotlines too: wait for it to shrink, not for a hotline to show.
    await page.locator('#entries tbody tr').nth(4).waitFor({ state: 'detached' });
    await page.locator('#entries tbody tr', { hasText: 'vn/113' }).waitFor();
    expect(await page.locator('#entries tbody tr').count()).toBe(4);

    await page.locator('#entries tbody tr', { hasText: 'vn/113' }).getByRole('button', { name: 'Sửa' }).click();
    expect(await page.inputValue('#phone')).toBe('113');
    await page.fill('#hours-vi', 'Cả ngày đêm');
    await page.click('#save');
    await page.locator('#notice', { hasText: 'Đã lưu.' }).waitFor();
    expect(await t.app.directory.find('vn/113')).toMatchObject({ hours: { vi: 'Cả ngày đêm', en: 'Day and night, free' }, managedBy: 'admin' });

    page.once('dialog', (dialog) => void dialog.accept());
    await page.locator('#entries tbody tr', { hasText: 'ha-noi/hotline' }).getByRole('button', { name: 'Gỡ' }).click();
    await page.locator('#notice', { hasText: 'Đã gỡ.' }).waitFor();
    expect((await t.app.directory.find('ha-noi/hotline'))?.active).toBe(false);
    expect(problems).toEqual([]);
  }, 30_000);
});

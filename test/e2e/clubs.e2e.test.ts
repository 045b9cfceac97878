import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../support/testApp.js';

/**
 * The admins' club page in Debian's chromium, under the inbox's CSP: an admin logs in at /inbox,
 * opens /inbox/clubs, adds a club, cancels its next meeting and reads that meeting's figures. Any
 * console error (a CSP violation included) fails the test.
 */
const CHROMIUM = '/usr/bin/chromium';
const describeIfChromium = fs.existsSync(CHROMIUM) ? describe : describe.skip;

describeIfChromium('club page in a real browser', () => {
  let t: TestApp;
  let context: BrowserContext;
  let page: Page;
  let profileDir: string;
  const errors: string[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    await t.app.accounts.create({ username: 'admin', displayName: 'Quản trị', role: 'admin', password: 'mat-khau-rat-dai' });
    profileDir = fs.mkdtempSync(path.join(os.tmpdir(), 'clubs-chromium-'));
    context = await chromium.launchPersistentContext(profileDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    page = context.pages()[0] ?? (await context.newPage());
    // Console errors name no URL: failed loads are told apart by their responses (the browser's own favicon request is no error of ours).
    page.on('console', (message) => void (message.type() === 'error' && !message.text().startsWith('Failed to load resource') && errors.push(message.text())));
    page.on('response', (response) => void (response.status() >= 400 && !response.url().endsWith('/favicon.ico') && errors.push(`${response.status()} ${response.url()}`)));
    page.on('pageerror', (error) => void errors.push(error.message));
    page.on('dialog', (dialog) => void dialog.accept());
  }, 60_000);

  afterAll(async () => {
    await context?.close();
    fs.rmSync(profileDir, { recursive: true, force: true });
    await t?.close();
  });

  it('adds a club, cancels a meeting and shows its figures', async () => {
    await page.goto(`${t.url}/inbox`);
    await page.fill('#username', 'admin');
    await page.fill('#password', 'mat-khau-rat-dai');
    await page.click('#login-submit');
    await page.locator('#queue-heading').waitFor();

    // The inbox's own "am I logged in?" call before the login answered 401: that is the inbox's business.
    errors.length = 0;
    // An admin reaches the club page from the inbox's header; it has the header every inbox page has.
    await page.click('#clubs');
    await page.locator('#clubs-empty:not([hidden])').waitFor();
    expect([await page.locator('#title').textContent(), await page.locator('#back').textContent(), await page.title()]).toEqual(['Câu lạc bộ và lịch sinh hoạt', '← Hộp thư tư vấn', 'Câu lạc bộ và lịch sinh hoạt']);
    for (const [field, value] of [['code', 'HN01'], ['name', 'CLB Thôn Đông'], ['day_of_month', '15'], ['time', '19:30'], ['place', 'Nhà văn hoá']]) {
      await page.fill(`#club-form input[name="${field}"]`, value!);
    }
    await page.click('#club-submit');
    await page.locator('#status', { hasText: 'Đã thêm câu lạc bộ HN01.' }).waitFor();
    await page.locator('#clubs-rows tr', { hasText: 'CLB Thôn Đông' }).getByRole('button', { name: 'Lịch họp' }).click();
    await page.locator('#meetings-heading', { hasText: 'Lịch sinh hoạt của CLB Thôn Đông' }).waitFor();

    // The first upcoming meeting (the list is newest first): cancel it, then read its figures.
    const upcoming = page.locator('#meetings-rows tr', { has: page.getByRole('button', { name: 'Hủy buổi này' }) }).last();
    await upcoming.getByRole('button', { name: 'Hủy buổi này' }).click();
    await page.locator('#status', { hasText: 'Đã hủy buổi sinh hoạt.' }).waitFor();
    const cancelled = page.locator('#meetings-rows tr', { hasText: 'Đã hủy' });
    await cancelled.getByRole('button', { name: 'Số liệu' }).click();
    await page.locator('#figures-rsvp', { hasText: 'Trả lời: 0 sẽ tham gia, 0 không tham gia.' }).waitFor();
    expect(await page.getAttribute('#figures-csv', 'href')).toMatch(/^\/inbox\/api\/meetings\/\d+\/figures\/csv$/);
    expect(errors).toEqual([]);
  });
});

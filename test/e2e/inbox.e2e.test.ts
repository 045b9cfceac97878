import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { projectPath } from '../../src/projectRoot.js';
import { startGraphStub, type GraphStub } from '../support/graphStub.js';
import { MESSENGER_ENV, postMessenger, textWebhook } from '../support/messengerWebhooks.js';
import { startTestApp, type TestApp } from '../support/testApp.js';

/**
 * The counselor inbox in Debian's chromium: a resident asks for a counselor on Messenger, the
 * conversation appears live in the inbox, the counselor claims it, answers (the Send API call is
 * observed), closes it, and the resident's next message goes to the bot again.
 * `INBOX_SCREENSHOTS=1` writes docs/inbox.png and docs/inbox-mobile.png.
 */
const CHROMIUM = '/usr/bin/chromium';
const PSID = '7100000000000001';
const AREA = '79.26734';
const describeIfChromium = fs.existsSync(CHROMIUM) ? describe : describe.skip;

const OTHER_PSID = '7100000000000002';

function quickReply(mid: string, title: string, payload: string, psid = PSID): string {
  const timestamp = Date.now();
  return JSON.stringify({
    object: 'page',
    entry: [{ id: 'PAGE', time: timestamp, messaging: [{ sender: { id: psid }, recipient: { id: 'PAGE' }, timestamp, message: { mid, text: title, quick_reply: { payload } } }] }],
  });
}

describeIfChromium('counselor inbox in a real browser', () => {
  let graph: GraphStub;
  let t: TestApp;
  let context: BrowserContext;
  let page: Page;
  let profileDir: string;

  beforeAll(async () => {
    graph = await startGraphStub();
    t = await startTestApp({ env: { ...MESSENGER_ENV, MESSENGER_API_URL: graph.url, HANDOFF_DEFAULT_AREA: AREA } });
    await t.app.accounts.create({ username: 'lan', displayName: 'Nguyễn Thị Lan', password: 'mat-khau-rat-dai', areaCodes: [AREA] });
    t.app.startWorkers();
    profileDir = fs.mkdtempSync(path.join(os.tmpdir(), 'inbox-chromium-'));
    context = await chromium.launchPersistentContext(profileDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      viewport: { width: 1200, height: 800 },
    });
    page = context.pages()[0] ?? (await context.newPage());
  }, 60_000);

  afterAll(async () => {
    await context?.close();
    fs.rmSync(profileDir, { recursive: true, force: true });
    await t?.app.stopWorkers();
    await t?.close();
    await graph?.close();
  });

  it('logs in, sees a waiting conversation live, claims, replies, closes, and the bot takes over again', async () => {
    await page.goto(`${t.url}/inbox`);
    await page.fill('#username', 'lan');
    await page.fill('#password', 'mat-khau-rat-dai');
    await page.click('#login-submit');
    await page.waitForSelector('#queue-empty:not([hidden])');
    await page.waitForSelector('#live:not(.off):has-text("Đang cập nhật trực tiếp")');

    // The resident taps "Gặp tư vấn viên" on Messenger; the inbox is not reloaded.
    expect((await postMessenger(t.url, quickReply('m_ask', 'Gặp tư vấn viên', 'menu.handoff'))).status).toBe(200);
    await graph.waitFor((m) => m.message?.text?.includes('vị trí số 1') === true);
    expect((await postMessenger(t.url, textWebhook(PSID, 'm_words', 'Chồng tôi say rượu và đập phá đồ đạc'))).status).toBe(200);
    // Locators, not element handles: every live update redraws the queue.
    const waiting = page.locator('.queue-item', { hasText: 'Đang chờ' });
    await waiting.waitFor({ timeout: 15_000 });
    await waiting.click();
    await page.waitForSelector('.msg.person:has-text("Chồng tôi say rượu")');
    await page.click('#claim');
    await graph.waitFor((m) => m.message?.text?.startsWith('Một tư vấn viên đã nhận') === true);

    await page.fill('#reply', 'Chào bạn, mình là Lan. Lúc này bạn có an toàn không?');
    await page.click('#send');
    const reply = await graph.waitFor((m) => m.message?.text === 'Chào bạn, mình là Lan. Lúc này bạn có an toàn không?');
    expect(reply).toEqual({ recipient: { id: PSID }, messaging_type: 'RESPONSE', message: { text: 'Chào bạn, mình là Lan. Lúc này bạn có an toàn không?' } });
    await page.waitForSelector('.msg.counselor [data-delivery="sent"]', { timeout: 15_000 });

    // The resident answers; it shows up in the open conversation live.
    await postMessenger(t.url, textWebhook(PSID, 'm_answer', 'Mình đang ở nhà hàng xóm'));
    await page.waitForSelector('.msg.person:has-text("nhà hàng xóm")', { timeout: 15_000 });
    // A second resident asks through the button other features offer after a danger warning.
    await postMessenger(t.url, quickReply('m_other', 'Gặp tư vấn viên', 'handoff.request', OTHER_PSID));
    await page.waitForSelector('.queue-item:has-text("Đang chờ")', { timeout: 15_000 });
    if (process.env.INBOX_SCREENSHOTS === '1') {
      await page.screenshot({ path: projectPath('docs', 'inbox.png') });
      await page.setViewportSize({ width: 360, height: 740 });
      await page.screenshot({ path: projectPath('docs', 'inbox-mobile.png') });
      await page.setViewportSize({ width: 1200, height: 800 });
    }

    await page.click('#more-label');
    await page.selectOption('#outcome', 'referred_shelter');
    await page.click('#close');
    await graph.waitFor((m) => m.message?.text?.startsWith('Tư vấn viên đã kết thúc') === true);
    // Polled through locators: the page's content security policy forbids the string evaluation
    // that waitForFunction would use.
    for (const started = Date.now(); (await page.locator('.queue-item').count()) !== 1; ) {
      if (Date.now() - started > 10_000) throw new Error('the queue did not update');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }

    // Back with the bot, which says again that it is automated.
    await postMessenger(t.url, textWebhook(PSID, 'm_after', 'xin chào'));
    await graph.waitFor((m) => m.message?.text?.startsWith('Xin chào! Mình là trợ lý tự động') === true);
    const closed = await t.testDb.db.sql.query<{ id: string; outcome: string }>(`SELECT id, outcome FROM handoff_session WHERE state = 'closed'`);
    expect(closed.map((s) => s.outcome)).toEqual(['referred_shelter']);
    const transcript = await t.app.handoff.transcript(closed[0]!.id);
    expect(transcript.filter((m) => m.kind === 'person').map((m) => m.text)).toEqual(['Chồng tôi say rượu và đập phá đồ đạc', 'Mình đang ở nhà hàng xóm']);
  }, 120_000);
});

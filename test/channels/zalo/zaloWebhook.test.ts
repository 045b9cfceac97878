import { freshFixture, fixtureText } from '../../support/fixtures.js';
import type { TestApp } from '../../support/testApp.js';
import { allowOnlyLoopback, count, mainMenuChoices, settle } from '../../support/webhookTest.js';
import { postZalo, recordZaloApi, signZalo, startZaloApp, ZALO_OA_SECRET, zaloText } from '../../support/zaloHarness.js';

const USER = '2468458835296117922';
/**
 * The Vietnamese menu as Zalo shows it: more choices than its five buttons, so the text also lists
 * every choice by number; the first five are buttons. Derived from the app's MenuRegistry.
 */
async function zaloMenu(t: TestApp): Promise<{ text: string; buttons: unknown[] }> {
  const choices = await mainMenuChoices(t);
  expect(choices.length).toBeGreaterThan(5);
  return {
    text: ['Bạn cần gì? Hãy chọn một mục bên dưới.', '', ...choices.map((choice, i) => `${i + 1}. ${choice.label}`)].join('\n'),
    buttons: choices.slice(0, 5).map((choice) => ({ title: choice.label, type: 'oa.query.hide', payload: choice.id })),
  };
}
const fixture = (name: string) => freshFixture('zalo', name);

allowOnlyLoopback();

describe('Zalo webhook', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startZaloApp();
  });
  afterEach(async () => {
    await t.app.stopWorkers();
    await t.close();
  });

  it.each([
    ['no signature', null],
    ['a wrong signature', 'mac=' + '0'.repeat(64)],
    ['a signature made with another secret', 'other'],
  ])('refuses %s with 401 and stores nothing', async (_name, signature) => {
    const body = fixture('user-send-text');
    const res = await postZalo(t.url, body, signature === 'other' ? signZalo(body, 'not-' + ZALO_OA_SECRET) : signature);
    expect(res.status).toBe(401);
    expect(await count(t, 'inbound_event')).toBe(0);
  });

  it('refuses an event for another app, and a replayed old event, even correctly signed', async () => {
    const otherApp = JSON.stringify({ ...(JSON.parse(fixture('user-send-text')) as object), app_id: '999' });
    expect((await postZalo(t.url, otherApp)).status).toBe(401);
    const old = zaloText(USER, 'old-1', 'xin chào', Date.now() - 601_000);
    const res = await postZalo(t.url, old);
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: string }).error).toBe('stale_event');
    expect(await count(t, 'inbound_event')).toBe(0);
  });

  it('refuses malformed JSON with 400 and a body over 256 KB with 413', async () => {
    expect((await postZalo(t.url, '{"app_id": "1", ', 'mac=' + '0'.repeat(64))).status).toBe(400);
    const huge = zaloText(USER, 'huge', 'x'.repeat(300 * 1024));
    expect((await postZalo(t.url, huge)).status).toBe(413);
    expect(await count(t, 'inbound_event')).toBe(0);
  });

  it('stores a signed text sealed before the 200, then answers with the Vietnamese menu as a /v3.0/oa/message/cs call with buttons', async () => {
    const sent = recordZaloApi();
    const res = await postZalo(t.url, fixture('user-send-text'));
    expect(res.status).toBe(200);
    const rows = await t.testDb.db.sql.query<{ payload: string; status: string }>('SELECT payload, status FROM inbound_event');
    expect(rows).toHaveLength(1);
    expect(rows[0]!.status).toBe('pending');
    expect(rows[0]!.payload).not.toContain('xin chào');
    t.app.startWorkers();
    await settle(t);
    const menu = await zaloMenu(t);
    expect(sent.map((m) => m.message.text)).toEqual([
      expect.stringContaining('Xin chào! Mình là trợ lý tự động'),
      expect.stringContaining('Đây không phải dịch vụ cấp cứu'),
      menu.text,
    ]);
    expect(sent.every((m) => m.recipient.user_id === USER && m.accessToken === 'seed-access-token')).toBe(true);
    expect(sent[2]!.message.attachment).toEqual({ type: 'template', payload: { buttons: menu.buttons } });
    const outbox = await t.testDb.db.sql.query<{ status: string; platform_message_id: string }>('SELECT status, platform_message_id FROM outbox_message ORDER BY seq');
    expect(outbox).toEqual([
      { status: 'sent', platform_message_id: 'zmsg_1' },
      { status: 'sent', platform_message_id: 'zmsg_2' },
      { status: 'sent', platform_message_id: 'zmsg_3' },
    ]);
    // The logs carry neither the person's words nor their Zalo id nor the token.
    const logs = t.logs.join('');
    expect(logs).not.toContain('xin chào');
    expect(logs).not.toContain(USER);
    expect(logs).not.toContain('seed-access-token');
  });

  it('answers a tapped button (its payload comes back as hidden text)', async () => {
    const sent = recordZaloApi();
    t.app.startWorkers();
    await postZalo(t.url, zaloText(USER, 'first-1', 'xin chào'));
    await postZalo(t.url, zaloText(USER, 'tap-1', 'menu.help'));
    await settle(t);
    expect(sent.map((m) => m.message.text)).toContainEqual(expect.stringContaining('Mình có thể giúp bạn'));
  });

  it('answers a message delivered twice (same msg_id) once', async () => {
    const sent = recordZaloApi();
    t.app.startWorkers();
    const body = fixture('user-send-text');
    expect((await postZalo(t.url, body)).status).toBe(200);
    expect((await postZalo(t.url, body)).status).toBe(200);
    await settle(t);
    expect(await count(t, 'inbound_event')).toBe(1);
    expect(sent).toHaveLength(3);
  });

  it('acknowledges an image and a location kindly', async () => {
    const sent = recordZaloApi();
    t.app.startWorkers();
    await postZalo(t.url, fixture('user-send-image'));
    await postZalo(t.url, fixture('user-send-location'));
    await settle(t);
    expect(sent.map((m) => m.message.text)).toEqual([expect.stringContaining('Mình đã nhận được tệp bạn gửi'), expect.stringContaining('Mình đã nhận được tệp bạn gửi')]);
  });

  it('answers a sticker as a nod, not as a file it cannot open', async () => {
    const sent = recordZaloApi();
    t.app.startWorkers();
    await postZalo(t.url, fixture('user-send-sticker'));
    await settle(t);
    expect(sent.map((m) => m.message.text)).toEqual([expect.stringContaining('Mình vẫn ở đây')]);
  });

  it('greets a new follower with the menu', async () => {
    const sent = recordZaloApi();
    t.app.startWorkers();
    await postZalo(t.url, fixture('follow'));
    await settle(t);
    const menu = await zaloMenu(t);
    expect(sent.map((m) => m.message.text)).toEqual([expect.stringContaining('Xin chào!'), expect.stringContaining('Đây không phải'), menu.text]);
    expect(sent[2]!.message.attachment?.payload.buttons).toEqual(menu.buttons);
  });

  it('records an unfollow: reminders to that person are no longer sent, replies after a new follow are', async () => {
    const sent = recordZaloApi();
    t.app.startWorkers();
    await postZalo(t.url, fixture('unfollow'));
    await settle(t);
    const id = t.app.channelUsers.idFor('zalo', USER);
    expect((await t.app.channelUsers.find(id))?.optedOutAt).toBeInstanceOf(Date);
    expect(sent).toHaveLength(0);
    await t.app.outbox.enqueue([{ channel: 'zalo', laneKey: id, dedupeKey: 'reminder-1', purpose: 'reminder', body: { message: { text: 'Nhắc lịch' } } }]);
    await settle(t);
    const rows = await t.testDb.db.sql.query<{ status: string }>("SELECT status FROM outbox_message WHERE dedupe_key = 'reminder-1'");
    expect(rows[0]!.status).toBe('opted_out');
    expect(sent).toHaveLength(0);
    await postZalo(t.url, zaloText(USER, 'back-1', 'xin chào'));
    await postZalo(t.url, fixture('follow'));
    await settle(t);
    expect((await t.app.channelUsers.find(id))?.optedOutAt).toBeUndefined();
  });

  it('pauses the bot for a person an OA admin answered from the console; plain echoes change nothing', async () => {
    const sent = recordZaloApi();
    t.app.startWorkers();
    expect((await postZalo(t.url, fixture('oa-send-text-echo'))).status).toBe(200);
    expect(await t.app.channelUsers.isBotPaused(t.app.channelUsers.idFor('zalo', USER))).toBe(false);
    expect((await postZalo(t.url, fixture('oa-send-text-admin'))).status).toBe(200);
    expect(await t.app.channelUsers.isBotPaused(t.app.channelUsers.idFor('zalo', USER))).toBe(true);
    await postZalo(t.url, zaloText(USER, 'while-paused', 'xin chào'));
    await settle(t);
    expect(sent).toHaveLength(0);
    // Stored and done, not lost: a counselor view can show it.
    const rows = await t.testDb.db.sql.query<{ status: string }>('SELECT status FROM inbound_event');
    expect(rows.map((r) => r.status)).toEqual(['done']);
    // Someone else is not affected.
    await postZalo(t.url, zaloText('1111111111111111111', 'other-1', 'xin chào'));
    await settle(t);
    expect(sent).toHaveLength(3);
    expect(await count(t, 'inbound_event')).toBe(2);
  });

  it('does not store submitted contact details, and acknowledges unknown events', async () => {
    expect((await postZalo(t.url, fixture('user-submit-info'))).status).toBe(200);
    const unknown = JSON.stringify({ ...(JSON.parse(fixture('user-send-text')) as object), event_name: 'user_reacted_message' });
    expect((await postZalo(t.url, unknown)).status).toBe(200);
    expect(await count(t, 'inbound_event')).toBe(0);
    expect(t.logs.join('')).toContain('user_reacted_message');
    expect(t.logs.join('')).not.toContain('84900000000');
  });

  it('records -230 (outside the consultation window) as window_closed without retrying', async () => {
    const sent = recordZaloApi([{ error: -230, message: 'User has not interacted with the OA in the past 7 days' }]);
    t.app.startWorkers();
    await postZalo(t.url, zaloText(USER, 'w-1', 'menu.help'));
    await settle(t);
    const rows = await t.testDb.db.sql.query<{ status: string; attempts: number; last_error: string }>('SELECT status, attempts, last_error FROM outbox_message ORDER BY seq');
    expect(rows[0]).toEqual({ status: 'window_closed', attempts: 1, last_error: 'zalo_-230' });
    // Not retried: one call for that message, then the next messages went on.
    expect(sent).toHaveLength(rows.length);
  });

  it('keeps the fixtures as they are on disk signed bytes (signature over the exact body)', async () => {
    // Re-serialising would change the bytes: the signature covers the raw body, not the JSON value.
    const raw = fixtureText('zalo', 'user-send-text').replace(/"timestamp": "\d+"/, `"timestamp": "${Date.now()}"`);
    expect((await postZalo(t.url, raw)).status).toBe(200);
    expect((await postZalo(t.url, raw.replace('xin chào', 'xin chao'), signZalo(raw))).status).toBe(401);
  });
});

describe('Zalo site verification', () => {
  it('serves the verification file only when configured', async () => {
    const t = await startZaloApp('pglite', { ZALO_SITE_VERIFICATION_PATH: '/zalo_verifierAbC123.html', ZALO_SITE_VERIFICATION_CONTENT: '<meta property="zalo-platform-site-verification" content="AbC123" />' });
    try {
      const res = await fetch(`${t.url}/zalo_verifierAbC123.html`);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('AbC123');
      expect((await fetch(`${t.url}/zalo_verifierOther.html`)).status).toBe(404);
    } finally {
      await t.close();
    }
  });
});

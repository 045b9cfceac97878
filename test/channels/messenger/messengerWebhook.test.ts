import { freshFixture as fixtureText } from '../../support/fixtures.js';
import { postMessenger, recordSendApi, startMessengerApp, textWebhook } from '../../support/messengerHarness.js';
import type { TestApp } from '../../support/testApp.js';
import { allowOnlyLoopback, count, mainMenuChoices, settle } from '../../support/webhookTest.js';

const MENU = 'Bạn cần gì? Hãy chọn một mục bên dưới.';

allowOnlyLoopback();

describe('Messenger webhook', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startMessengerApp();
  });
  afterEach(async () => {
    await t.app.stopWorkers();
    await t.close();
  });

  it('answers the subscription handshake with the challenge, and 403 to a wrong token', async () => {
    const ok = await fetch(`${t.url}/api/messenger?hub.mode=subscribe&hub.verify_token=verify-me&hub.challenge=1158201444`);
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe('1158201444');
    const bad = await fetch(`${t.url}/api/messenger?hub.mode=subscribe&hub.verify_token=nope&hub.challenge=1`);
    expect(bad.status).toBe(403);
  });

  it.each([
    ['no signature', null],
    ['a wrong signature', 'sha256=' + '0'.repeat(64)],
  ])('refuses %s with 401 and stores nothing', async (_name, signature) => {
    const res = await postMessenger(t.url, fixtureText('messenger', 'text-message'), signature);
    expect(res.status).toBe(401);
    expect(await count(t, 'inbound_event')).toBe(0);
  });

  it('refuses malformed JSON with 400 and a body over 256 KB with 413', async () => {
    expect((await postMessenger(t.url, '{"object": "page", ')).status).toBe(400);
    const huge = textWebhook('1', 'm_huge', 'x'.repeat(300 * 1024));
    expect((await postMessenger(t.url, huge)).status).toBe(413);
    expect(await count(t, 'inbound_event')).toBe(0);
  });

  it('stores a signed event sealed before answering 200, then replies with the Vietnamese menu as quick replies', async () => {
    const sent = recordSendApi();
    const res = await postMessenger(t.url, fixtureText('messenger', 'text-message'));
    expect(res.status).toBe(200);
    // Stored before the answer, and the person's words are not readable in the row.
    const rows = await t.testDb.db.sql.query<{ payload: string; status: string }>('SELECT payload, status FROM inbound_event');
    expect(rows).toHaveLength(1);
    expect(rows[0]!.status).toBe('pending');
    expect(rows[0]!.payload).not.toContain('xin chào');
    t.app.startWorkers();
    await settle(t);
    expect(sent.map((m) => m.message?.text)).toEqual([
      expect.stringContaining('Xin chào! Mình là trợ lý tự động'),
      expect.stringContaining('Đây không phải dịch vụ cấp cứu'),
      MENU,
    ]);
    expect(sent.every((m) => m.recipient.id === '6543210987654321' && m.messaging_type === 'RESPONSE')).toBe(true);
    // Every menu choice of the app's MenuRegistry as a quick reply (all fit in Messenger's 13);
    // "Nhắc lịch sinh hoạt" is 19 characters: within Messenger's 20.
    const choices = await mainMenuChoices(t);
    expect(choices.map((choice) => choice.label)).toContain('Nhắc lịch sinh hoạt');
    expect(sent[2]!.message!.quick_replies).toEqual(choices.map((choice) => ({ content_type: 'text', title: choice.label, payload: choice.id })));
    const outbox = await t.testDb.db.sql.query<{ status: string; payload: string }>('SELECT status, payload FROM outbox_message ORDER BY seq');
    expect(outbox.map((r) => r.status)).toEqual(['sent', 'sent', 'sent']);
    expect(outbox.some((r) => r.payload.includes('Xin chào'))).toBe(false);
  });

  it('processes a delivery received twice only once', async () => {
    const sent = recordSendApi();
    t.app.startWorkers();
    const body = fixtureText('messenger', 'text-message');
    expect((await postMessenger(t.url, body)).status).toBe(200);
    expect((await postMessenger(t.url, body)).status).toBe(200);
    await settle(t);
    expect(await count(t, 'inbound_event')).toBe(1);
    expect(sent).toHaveLength(3);
    // A redelivery after processing is acknowledged and ignored too.
    expect((await postMessenger(t.url, body)).status).toBe(200);
    await settle(t);
    expect(sent).toHaveLength(3);
  });

  it('reads every event of a batch, keeps each person in arrival order, and ignores echoes, receipts and standby', async () => {
    const sent = recordSendApi();
    expect((await postMessenger(t.url, fixtureText('messenger', 'batch'))).status).toBe(200);
    expect((await postMessenger(t.url, fixtureText('messenger', 'echo-delivery-read'))).status).toBe(200);
    expect(await count(t, 'inbound_event')).toBe(3);
    t.app.startWorkers();
    await settle(t);
    const toA = sent.filter((m) => m.recipient.id === '8000000000000001').map((m) => m.message?.text);
    const toB = sent.filter((m) => m.recipient.id === '8000000000000002').map((m) => m.message?.text);
    expect(toA.at(-1)).toBe('What do you need? Please choose an option below.');
    expect(toA.indexOf(MENU)).toBeLessThan(toA.indexOf('I will speak English with you.'));
    expect(toB.at(-1)).toBe(MENU);
  });

  it('keeps arrival order per person even when the later webhook carries the earlier timestamp', async () => {
    const sent = recordSendApi();
    const now = Date.now();
    await postMessenger(t.url, textWebhook('9001', 'm_o1', 'hi', now));
    await postMessenger(t.url, textWebhook('9001', 'm_o2', 'English', now - 5000));
    t.app.startWorkers();
    await settle(t);
    expect(sent.map((m) => m.message?.text).slice(-2)).toEqual(['I will speak English with you.', 'What do you need? Please choose an option below.']);
  });

  it.each([
    // An image is acknowledged kindly, and the open question stays open.
    ['image-attachment', 'Mình đã nhận được tệp bạn gửi'],
    // A "like" is a nod, not a file the bot cannot open.
    ['like-sticker', 'Mình vẫn ở đây'],
  ])('answers %s with "%s…"', async (name, reply) => {
    const sent = recordSendApi();
    t.app.startWorkers();
    await postMessenger(t.url, fixtureText('messenger', name));
    await settle(t);
    expect(sent.map((m) => m.message?.text)).toEqual([expect.stringContaining(reply)]);
  });

  it('retries a Graph 500 and sends the message once', async () => {
    const sent = recordSendApi([{ status: 500, body: { error: { message: 'An unexpected error has occurred.', type: 'OAuthException', code: 2 } } }]);
    t.app.startWorkers();
    await postMessenger(t.url, textWebhook('9100', 'm_r1', 'hi'));
    await settle(t);
    expect(sent.map((m) => m.message?.text)).toEqual([expect.stringContaining('Xin chào!'), expect.stringContaining('Đây không phải'), MENU]);
    const rows = await t.testDb.db.sql.query<{ status: string; attempts: number }>('SELECT status, attempts FROM outbox_message ORDER BY seq');
    expect(rows.map((r) => [r.status, r.attempts])).toEqual([['sent', 2], ['sent', 1], ['sent', 1]]);
  });

  it('records a Graph 400 with its code, does not retry it, and still sends what follows', async () => {
    const sent = recordSendApi([{ status: 400, body: { error: { message: 'Invalid parameter', type: 'OAuthException', code: 100, error_subcode: 2018001 } } }]);
    t.app.startWorkers();
    await postMessenger(t.url, textWebhook('9200', 'm_f1', 'hi'));
    await settle(t);
    const rows = await t.testDb.db.sql.query<{ status: string; attempts: number; last_error: string | null }>('SELECT status, attempts, last_error FROM outbox_message ORDER BY seq');
    expect(rows[0]).toEqual({ status: 'failed', attempts: 1, last_error: 'http_400:graph_100:2018001' });
    expect(sent).toHaveLength(2);
  });
});

import { ComponentDialog, WaterfallDialog } from 'botbuilder-dialogs';
import { MenuRegistry } from '../src/bot/MenuRegistry.js';
import { botReplies, emulatorMessage, startTestApp, type TestApp } from './support/testApp.js';

const GREETING_START = 'Xin chào! Mình là trợ lý tự động';
const MENU = 'Bạn cần gì? Hãy chọn một mục bên dưới.';

function failingFeature(): ComponentDialog {
  const dialog = new ComponentDialog('broken');
  dialog.addDialog(
    new WaterfallDialog('broken.steps', [
      async () => {
        throw new Error('boom in a dialog');
      },
    ]),
  );
  return dialog;
}

describe('HTTP server', () => {
  let t: TestApp;
  beforeAll(async () => {
    const menu = new MenuRegistry().register({ id: 'menu.broken', labelKey: 'menu.help', dialog: failingFeature() });
    t = await startTestApp({ menu });
  });
  afterAll(() => t.close());

  it('GET /healthz answers 200', async () => {
    const res = await fetch(`${t.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('GET /readyz is ready with migrations applied, 503 with a reason when one is missing', async () => {
    expect(await (await fetch(`${t.url}/readyz`)).json()).toEqual({ status: 'ready' });
    const [row] = await t.testDb.db.sql.query<{ id: string; finished_at: Date }>('SELECT id, finished_at FROM "_prisma_migrations" LIMIT 1');
    await t.testDb.db.sql.query('UPDATE "_prisma_migrations" SET finished_at = NULL WHERE id = $1', [row!.id]);
    const res = await fetch(`${t.url}/readyz`);
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ status: 'not_ready', reason: expect.stringContaining('migrations not applied') });
    await t.testDb.db.sql.query('UPDATE "_prisma_migrations" SET finished_at = $2 WHERE id = $1', [row!.id, row!.finished_at]);
  });

  it('answers the Emulator\'s "hi" with the Vietnamese greeting and main menu', async () => {
    const replies = await botReplies(t.url, emulatorMessage('hi', 'u-hi', 'c-hi'));
    expect(replies[0]).toContain(GREETING_START);
    expect(replies.at(-1)).toBe(MENU);
  });

  it.each([
    ['malformed JSON', 'application/json', '{"type": "message", ', 400, 'invalid_json'],
    ['a wrong content type', 'text/plain', 'hello', 415, 'unsupported_media_type'],
    ['an oversized body', 'application/json', JSON.stringify({ type: 'message', text: 'x'.repeat(300 * 1024) }), 413, 'payload_too_large'],
  ])('refuses %s with a short JSON error, stores nothing and keeps serving', async (_name, type, body, status, error) => {
    const before = await t.testDb.db.sql.query('SELECT key FROM bot_state');
    const res = await fetch(`${t.url}/api/messages`, { method: 'POST', headers: { 'content-type': type }, body });
    expect(res.status).toBe(status);
    expect(await res.json()).toEqual({ error, message: expect.any(String) });
    expect(await t.testDb.db.sql.query('SELECT key FROM bot_state')).toEqual(before);
    expect((await fetch(`${t.url}/healthz`)).status).toBe(200);
  });

  it('refuses a JSON body that is not a Bot Framework activity with 400, not a 500', async () => {
    const res = await fetch(`${t.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ type: 'message', text: 'hi' }) });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: 'invalid_activity', message: expect.any(String) });
  });

  it('answers unknown routes with a JSON 404', async () => {
    const res = await fetch(`${t.url}/nope`);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: 'not_found', message: expect.any(String) });
  });

  it('a turn that throws: apology in the user\'s language, dialog state reset, error logged with a correlation id and without the user\'s words', async () => {
    const user = 'u-broken';
    await botReplies(t.url, emulatorMessage('hi', user, 'c-broken'));
    const secret = 'menu.broken';
    const replies = await botReplies(t.url, emulatorMessage(secret, user, 'c-broken'));
    expect(replies).toEqual(['Xin lỗi, mình vừa gặp trục trặc nên phải bắt đầu lại từ menu chính. Nếu bạn đang gặp nguy hiểm, hãy gọi ngay 113.']);
    // The state was reset: the next message starts the menu afresh instead of resuming the broken dialog.
    expect((await botReplies(t.url, emulatorMessage('xin chao', user, 'c-broken'))).at(-1)).toBe(MENU);
    const errorLine = t.logs.map((line) => JSON.parse(line) as Record<string, unknown>).find((entry) => entry.msg === 'turn failed');
    expect(errorLine).toMatchObject({ level: 'error', correlationId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    expect(t.logs.join('\n')).not.toContain('xin chao');
    expect(t.logs.join('\n')).not.toContain(user);
  });
});

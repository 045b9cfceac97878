import type { SqlExecutor } from '../../src/store/Database.js';
import { freshFixture } from '../support/fixtures.js';
import { postMessenger, recordSendApi, startMessengerApp, textWebhook } from '../support/messengerHarness.js';
import type { TestApp } from '../support/testApp.js';
import { allowOnlyLoopback, count, settle } from '../support/webhookTest.js';
import { postZalo, recordZaloApi, startZaloApp, zaloText } from '../support/zaloHarness.js';

allowOnlyLoopback();

/** Every text, JSON and array column of the schema that holds `value` anywhere in it. */
async function columnsHolding(sql: SqlExecutor, value: string): Promise<string[]> {
  const columns = await sql.query<{ table_name: string; column_name: string }>(
    `SELECT table_name, column_name FROM information_schema.columns
     WHERE table_schema = current_schema() AND data_type IN ('text', 'character varying', 'jsonb', 'json', 'ARRAY')`,
  );
  const holding: string[] = [];
  for (const { table_name: table, column_name: column } of columns) {
    const rows = await sql.query<{ n: number | string }>(`SELECT count(*) AS n FROM "${table}" WHERE "${column}"::text LIKE $1`, [`%${value}%`]);
    if (Number(rows[0]!.n) > 0) holding.push(`${table}.${column}`);
  }
  return holding;
}

/** What the person left behind, so a scan that finds nothing has read something. */
async function stored(t: TestApp) {
  const tables = ['inbound_event', 'outbox_message', 'bot_state', 'channel_user'] as const;
  return Object.fromEntries(await Promise.all(tables.map(async (table) => [table, await count(t, table)] as const)));
}

describe('platform user ids at rest', () => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.app.stopWorkers();
    await t?.close();
  });

  it('Messenger: no column holds the PSID in clear after a person used the bot, also for events without a message id', async () => {
    const psid = '6512345678901234';
    t = await startMessengerApp();
    t.app.startWorkers();
    const sent = recordSendApi();
    let at = Date.now() - 60_000;
    const event = (fields: Record<string, unknown>) =>
      JSON.stringify({ object: 'page', entry: [{ id: 'PAGE', time: at, messaging: [{ sender: { id: psid }, recipient: { id: 'PAGE' }, timestamp: (at += 1000), ...fields }] }] });
    for (const body of [
      event({ referral: { ref: 'club-HN01', source: 'SHORTLINK', type: 'OPEN_THREAD' } }),
      event({ postback: { title: 'Bắt đầu', payload: 'menu.start' } }),
      textWebhook(psid, 'm_at_rest_1', 'xin chào', (at += 1000)),
      textWebhook(psid, 'm_at_rest_2', 'English', (at += 1000)),
      textWebhook(psid, 'm_at_rest_3', 'report', (at += 1000)),
    ]) {
      expect((await postMessenger(t.url, body)).status).toBe(200);
      await settle(t);
    }
    expect(await columnsHolding(t.testDb.db.sql, psid)).toEqual([]);
    expect(await stored(t)).toEqual({ inbound_event: 5, outbox_message: sent.length, bot_state: 2, channel_user: 1 });
  });

  it('Zalo: no column holds the user id in clear after a follow and a message', async () => {
    const user = '2468458835296117922';
    t = await startZaloApp();
    t.app.startWorkers();
    const sent = recordZaloApi();
    for (const body of [freshFixture('zalo', 'follow'), zaloText(user, 'msg_at_rest_1', 'xin chào')]) {
      expect((await postZalo(t.url, body)).status).toBe(200);
      await settle(t);
    }
    expect(await columnsHolding(t.testDb.db.sql, user)).toEqual([]);
    expect(await stored(t)).toEqual({ inbound_event: 2, outbox_message: sent.length, bot_state: 2, channel_user: 1 });
  });
});

import { allowOnlyLoopback, settle } from '../support/webhookTest.js';
import { postMessenger, recordSendApi, startMessengerApp, textWebhook } from '../support/messengerHarness.js';
import type { TestApp } from '../support/testApp.js';

allowOnlyLoopback();

describe('"xóa dữ liệu" through Messenger', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startMessengerApp();
    t.app.startWorkers();
  });
  afterEach(async () => {
    await t.app.stopWorkers();
    await t.close();
  });

  it('removes the messages the channel kept (received and sent) and still confirms the deletion', async () => {
    const sent = recordSendApi();
    const psid = '7700000000000001';
    const say = async (mid: string, text: string) => {
      await postMessenger(t.url, textWebhook(psid, mid, text));
      await settle(t);
    };
    await say('m_e1', 'hi');
    await say('m_e2', 'chồng tôi đánh tôi hôm qua');
    await say('m_e3', 'xóa dữ liệu');
    const beforeConfirm = sent.length;
    await say('m_e4', 'Xóa dữ liệu');
    const lane = t.app.channelUsers.idFor('messenger', psid);
    const inbound = await t.testDb.db.sql.query<{ dedupe_key: string }>('SELECT dedupe_key FROM inbound_event WHERE lane_key = $1', [lane]);
    // Only the confirming message, which was being processed while the data was deleted, is left.
    expect(inbound.map((row) => row.dedupe_key)).toEqual([`${lane}:mid:m_e4`]);
    const outbox = await t.testDb.db.sql.query<{ status: string }>('SELECT status FROM outbox_message WHERE lane_key = $1', [lane]);
    expect(outbox.length).toBe(sent.length - beforeConfirm);
    expect(sent.at(-1)?.message?.text).toBeTruthy();
    expect(await t.testDb.db.sql.query("SELECT key FROM bot_state WHERE key LIKE 'messenger/%'")).toEqual([]);
  });
});

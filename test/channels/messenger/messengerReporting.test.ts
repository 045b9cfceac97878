import nock from 'nock';
import { postMessenger, recordSendApi, startMessengerApp, textWebhook, type SentMessage } from '../../support/messengerHarness.js';
import { CODE, PHRASES } from '../../support/phrases.js';
import type { TestApp } from '../../support/testApp.js';

const VI = PHRASES.vi;

/** A report through Messenger: no identity asked, the emergency numbers first on danger, a code to look up. */
describe('reporting through Messenger', () => {
  let t: TestApp;
  let sent: SentMessage[];
  let mid = 0;

  beforeAll(async () => {
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1');
    t = await startMessengerApp();
    sent = recordSendApi();
    t.app.startWorkers();
  });
  afterAll(async () => {
    await t.app.stopWorkers();
    await t.close();
    nock.cleanAll();
    nock.enableNetConnect();
  });

  /** Sends one message as the person and returns what the page answered to it. */
  async function say(text: string): Promise<SentMessage[]> {
    const before = sent.length;
    mid += 1;
    expect((await postMessenger(t.url, textWebhook('7000000000000001', `m_report_${mid}`, text))).status).toBe(200);
    await t.app.workers.intake.drain();
    await t.app.workers.outbox.drain();
    return sent.slice(before);
  }
  const texts = async (text: string) => (await say(text)).map((message) => message.message?.text);

  it('files a report, answers danger with the numbers first and offers a counselor as quick replies', async () => {
    await say('xin chào');
    expect(await texts('báo tin')).toEqual([VI.report.intro, VI.report.danger]);
    const danger = await say('nó đang đánh tôi');
    expect(danger.map((message) => message.message?.text)).toEqual([VI.emergency, VI.offer]);
    expect(danger[1]!.message!.quick_replies!.map((reply) => [reply.title, reply.payload])).toEqual([
      ['Gặp tư vấn viên', 'handoff.request'],
      ['Tiếp tục', 'safety.continue'],
      ['Tìm nơi giúp đỡ', 'directory.urgent'],
    ]);
    expect(await texts('Tiếp tục')).toEqual([VI.report.danger]);
    for (const answer of ['Không', 'bỏ qua', 'bỏ qua', 'bỏ qua', 'bỏ qua', 'bỏ qua', 'bỏ qua', 'bỏ qua']) await say(answer);
    const done = await texts('Gửi báo tin');
    expect(done[1]).toMatch(CODE);
    const code = done[1]!;
    expect(await texts(`tra cứu ${code}`)).toEqual([VI.lookup.received(code), VI.lookup.more]);
    const [row] = await t.testDb.db.sql.query('SELECT * FROM reports WHERE code = $1', [code]);
    expect(JSON.stringify(row)).not.toContain('7000000000000001');
  });
});

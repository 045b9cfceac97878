import { CODE, PHRASES } from './support/phrases.js';
import { botReplies, emulatorMessage, startTestApp, type TestApp } from './support/testApp.js';

const VI = PHRASES.vi;
const STORY = 'Tối qua anh ta đánh tôi gãy tay';

/**
 * Through the Bot Framework channel, on the real app and its database: file a report without any
 * identity, be interrupted by danger, get a code, look it up, delete one's data.
 */
describe('reporting through the Bot Framework channel', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const user = 'u-e2e-7731';
  const say = (text: string) => botReplies(t.url, emulatorMessage(text, user, 'c-e2e'));

  it('files a report anonymously, with the emergency numbers first on danger, and finds it again by its code', async () => {
    await say('hi');
    expect(await say('báo tin')).toEqual([VI.report.intro, VI.report.danger]);
    expect(await say('nó đang đánh tôi')).toEqual([VI.emergency, VI.offer]);
    expect(await say('Tiếp tục')).toEqual([VI.report.danger]);
    for (const answer of ['Không', 'bỏ qua', 'bỏ qua', 'bỏ qua', 'bỏ qua', 'bỏ qua']) await say(answer);
    expect(await say(STORY)).toEqual([VI.report.descriptionNext]);
    // Even the unsent draft is sealed in the conversation state.
    const state = await t.testDb.db.sql.query<{ data: unknown }>('SELECT data FROM bot_state');
    expect(JSON.stringify(state)).not.toContain('gãy tay');
    await say('xong');
    await say('Không cần liên lạc');
    const sent = await say('Gửi báo tin');
    expect(sent[1]).toMatch(CODE);
    const code = sent[1]!;

    const [row] = await t.testDb.db.sql.query('SELECT * FROM reports WHERE code = $1', [code]);
    expect(JSON.stringify(row)).not.toContain('gãy tay');
    expect(JSON.stringify(row)).not.toContain(user);

    expect(await say(`tra cuu ${code}`)).toEqual([VI.lookup.received(code), VI.lookup.more]);
    await say('Không, cảm ơn');

    expect(await say('xóa dữ liệu')).toEqual([VI.privacy.confirm]);
    expect(await say('Xóa dữ liệu')).toEqual([VI.privacy.done]);
    expect(await t.testDb.db.sql.query('SELECT key FROM bot_state')).toEqual([]);
    expect(await t.testDb.db.sql.query('SELECT reporter_pseudonym FROM reports WHERE code = $1', [code])).toEqual([{ reporter_pseudonym: null }]);

    const logs = t.logs.join('\n');
    expect(logs).toContain('danger interrupt');
    for (const secret of ['gãy tay', 'đánh tôi', user]) expect(logs).not.toContain(secret);
  });

  it('answers a first message that is a cry for help with the numbers only, then queues a counselor when asked', async () => {
    const first = (text: string) => botReplies(t.url, emulatorMessage(text, 'u-first', 'c-first'));
    expect(await first('cứu tôi với')).toEqual([VI.emergency, VI.offer]);
    // Accepting the offer opens a counselor conversation at once, flagged as danger (top of the queue),
    // after the bot has said it is automated.
    expect(await first('Gặp tư vấn viên')).toEqual([
      ...VI.greeting.slice(0, 2),
      'Mình đã báo cho tư vấn viên. Bạn đang ở vị trí số 1 trong hàng chờ. Trong lúc chờ, bạn cứ nhắn, tư vấn viên sẽ đọc được. Nếu bạn đang gặp nguy hiểm, hãy gọi ngay 113.',
    ]);
    expect(await t.testDb.db.sql.query('SELECT state, danger FROM handoff_session')).toEqual([{ state: 'waiting', danger: true }]);
  });
});

import type { Database } from '../../src/store/Database.js';
import { MemoryStorage, type Middleware } from 'botbuilder';
import type { DialogTestClient } from 'botbuilder-testing';
import { markDanger } from '../../src/handoff/dangerSignal.js';
import type { HandoffService } from '../../src/handoff/HandoffService.js';
import { createTestBot, dialogClient, menuButtons, runTurns, closeTestBots } from '../support/botHarness.js';
import { createTestHandoff, NEVER_OPEN } from '../support/handoffHarness.js';
import { createTestDatabase, type TestDatabase } from '../support/testDatabase.js';

// The bots of this file share one in-memory database for their services.
afterAll(() => closeTestBots());

const VI = {
  greeting: 'Xin chào! Mình là trợ lý tự động (không phải người thật) của mạng lưới phòng, chống bạo lực gia đình. Bạn không cần cho biết tên hay số điện thoại.',
  notEmergency: 'Đây không phải dịch vụ cấp cứu. Nếu bạn đang gặp nguy hiểm, hãy gọi ngay 113 (công an) hoặc 115 (cấp cứu).',
  menu: 'Bạn cần gì? Hãy chọn một mục bên dưới.',
  confirm: 'Mình có thể nối bạn với một tư vấn viên (người thật) của địa chỉ tin cậy. Tư vấn viên sẽ đọc những gì bạn nhắn từ lúc này. Bạn có muốn gặp tư vấn viên không?',
  queued: 'Mình đã báo cho tư vấn viên. Bạn đang ở vị trí số 1 trong hàng chờ. Trong lúc chờ, bạn cứ nhắn, tư vấn viên sẽ đọc được. Nếu bạn đang gặp nguy hiểm, hãy gọi ngay 113.',
  stillWaiting: 'Tư vấn viên sẽ đọc tin nhắn này. Bạn đang ở vị trí số 1. Gõ “hủy” nếu bạn muốn quay lại trợ lý tự động.',
  cancelled: 'Mình đã hủy yêu cầu gặp tư vấn viên. Bạn lại đang nói chuyện với trợ lý tự động (không phải người thật). Gõ “menu” để xem mình có thể giúp gì.',
};
const EN = {
  switched: 'I will speak English with you.',
  greeting: 'Hello! I am an automated assistant (not a person) of the domestic violence prevention network. You do not need to give your name or phone number.',
  notEmergency: 'This is not an emergency service. If you are in danger, call 113 (police) or 115 (ambulance) now.',
  menu: 'What do you need? Please choose an option below.',
  again: 'What would you like to do next?',
  confirm: 'I can connect you with a counselor (a real person) from a trusted address. The counselor will read what you write from now on. Would you like to talk to a counselor?',
  declined: 'All right. Whenever you need one, just type “counselor”.',
  queued: 'I have told the counselors. You are number 1 in the queue. While you wait, you can keep writing; the counselor will read it. If you are in danger, call 113 now.',
};

describe('HandoffDialog and the handoff gate', () => {
  let testDb: TestDatabase;
  beforeEach(async () => {
    testDb = await createTestDatabase('pglite');
  });
  afterEach(() => testDb.dispose());

  async function client(options: { before?: Middleware[]; closedHours?: boolean } = {}): Promise<{ client: DialogTestClient; service: HandoffService; reportsDb: Database; menu: string[]; menuEn: string[] }> {
    const { service } = await createTestHandoff(testDb.db.sql, options.closedHours ? { hours: NEVER_OPEN } : {});
    const runtime = await createTestBot({ storage: new MemoryStorage(), handoff: { service, identify: (channel, id) => `${channel}:${id}` } });
    // The safety middleware's place: before the gate.
    const [locale, ...rest] = runtime.middleware;
    return { client: dialogClient({ ...runtime, middleware: [locale!, ...(options.before ?? []), ...rest] }), service, reportsDb: runtime.db, menu: menuButtons(runtime, 'vi'), menuEn: menuButtons(runtime, 'en') };
  }

  it('confirms typed words, queues, keeps the bot silent but for the queue place, and "hủy" gives the bot back (vi)', async () => {
    const { client: c, service, menu } = await client();
    // The counselor's own button is on the menu, wherever the registry puts it.
    expect(menu).toContain('Gặp tư vấn viên');
    await runTurns(c, [
      { says: 'hi', replies: [VI.greeting, VI.notEmergency, VI.menu], buttons: menu },
      { says: 'tôi muốn GAP TU VAN VIEN', replies: [VI.confirm], buttons: ['Có, gặp tư vấn viên', 'Không, để sau'] },
      { says: 'có', replies: [VI.queued] },
      { says: 'menu', replies: [VI.stillWaiting] },
      { says: 'hủy', replies: [VI.cancelled] },
      { says: 'hi', replies: [VI.menu] },
    ]);
    const [session] = await testDb.db.sql.query<{ state: string; outcome: string }>('SELECT state, outcome FROM handoff_session');
    expect(session).toEqual({ state: 'closed', outcome: 'cancelled' });
    expect(await service.openSessionFor('test:user1')).toBeUndefined();
  });

  it('declines in English, then a tapped button queues at once from anywhere (en)', async () => {
    const { client: c, menuEn } = await client();
    expect(menuEn).toContain('Talk to a counselor');
    await runTurns(c, [
      { says: 'English', replies: [EN.switched, EN.greeting, EN.notEmergency, EN.menu], buttons: menuEn },
      { says: 'I want a real person', replies: [EN.confirm], buttons: ['Yes, talk to a counselor', 'No, not now'] },
      { says: 'no', replies: [EN.declined, EN.again] },
      { says: 'handoff.request', replies: [EN.queued] },
    ]);
  });

  it('after a counselor closes, the bot discloses itself again on the next message', async () => {
    const { client: c, service } = await client();
    await runTurns(c, [
      { says: 'hi', replies: [VI.greeting, VI.notEmergency, VI.menu] },
      { says: 'menu.handoff', replies: [VI.queued] },
    ]);
    const session = (await service.openSessionFor('test:user1'))!;
    await service.close(await service.claim(session.id, 'c1'), 'counselled');
    await runTurns(c, [{ says: 'alo', replies: [VI.greeting, VI.notEmergency, VI.menu] }]);
  });

  it('outside hours gives the hotlines, keeps the person queued, and a message left then becomes a report', async () => {
    const { client: c, service, reportsDb } = await client({ closedHours: true });
    await runTurns(c, [{ says: 'menu.handoff', replies: [VI.greeting, VI.notEmergency, expect.stringContaining('113 (công an), 115 (cấp cứu) hoặc 111') as unknown as string] }]);
    expect((await service.openSessionFor('test:user1'))?.state).toBe('waiting');
    const left = await c.sendActivity('Chồng tôi lại say rượu và đe doạ tôi');
    const code = /mã tra cứu là ([A-Z0-9]{8})/.exec(left?.text ?? '')?.[1];
    expect(code).toBeDefined();
    const session = await service.openSessionFor('test:user1');
    expect(session?.state).toBe('waiting');
    expect(session?.reportId).toBeTruthy();
    // A second message goes into the same report.
    expect((await c.sendActivity('Tôi đang ở nhà mẹ đẻ'))?.text).toContain(code);
    const rows = await reportsDb.sql.query<{ code: string; details_sealed: string }>('SELECT code, details_sealed FROM reports WHERE id = $1', [session!.reportId]);
    expect(rows.map((row) => row.code)).toEqual([code]);
    expect(rows[0]!.details_sealed).not.toContain('say rượu');
    expect(await reportsDb.sql.query('SELECT count(*)::int AS n FROM report_additions WHERE report_id = $1', [session!.reportId])).toEqual([{ n: 1 }]);
  });

  it('a danger signal from the safety middleware moves a waiting person up', async () => {
    const danger: Middleware = { onTurn: async (context, next) => { if (context.activity.text === 'cứu') markDanger(context); await next(); } };
    const { client: c, service } = await client({ before: [danger] });
    // The first message ever: the bot says it is automated before it queues.
    await runTurns(c, [{ says: 'menu.handoff', replies: [VI.greeting, VI.notEmergency, VI.queued] }]);
    expect((await service.openSessionFor('test:user1'))?.danger).toBe(false);
    await c.sendActivity('cứu');
    expect((await service.openSessionFor('test:user1'))?.danger).toBe(true);
  });
});

import { Writable } from 'node:stream';
import { MemoryStorage } from 'botbuilder';
import { createLogger } from '../../src/logger.js';
import { callButtons, closeTestBots, createTestBot, dialogClient, runTurns, turnReplies, userStateKey } from '../support/botHarness.js';
import { OPENING, PHRASES } from '../support/phrases.js';

afterAll(closeTestBots);

const { vi: VI, en: EN } = PHRASES;

/** The turns that bring a Vietnamese conversation to the report's description. */
const toDescription = [
  OPENING.vi,
  { says: 'báo tin', replies: [VI.report.intro, VI.report.danger] },
  { says: 'report.danger.no', replies: [VI.report.who] },
  { says: 'skip', replies: [VI.report.kinds] },
  { says: 'skip', replies: [VI.report.province] },
  { says: 'skip', replies: [VI.report.when] },
  { says: 'skip', replies: [VI.report.ongoing] },
  { says: 'skip', replies: [VI.report.description] },
];

describe('danger interrupt', () => {
  it('answers a first message with the numbers at once; "continue" then starts the conversation', async () => {
    await runTurns(dialogClient(await createTestBot()), [
      { says: 'cuu toi voi', replies: [VI.emergency, VI.offer], buttons: VI.alertButtons },
      { says: 'tiếp tục', replies: OPENING.vi.replies },
    ]);
  });

  it.each([
    ['vi', 'tôi không muốn sống nữa', VI],
    ['en', 'I want to end my life', EN],
  ] as const)('speaks more gently when someone may hurt themselves (%s)', async (locale, says, L) => {
    await runTurns(dialogClient(await createTestBot()), [OPENING[locale], { says, replies: [L.emergency, L.offerSelfHarm] }]);
  });

  it('lets the person ignore the offer: the next message goes to the dialog as usual', async () => {
    const storage = new MemoryStorage();
    await runTurns(dialogClient(await createTestBot({ storage })), [
      ...toDescription.slice(0, 3),
      { says: 'nó đang đánh tôi', replies: [VI.emergency, VI.offer] },
      { says: 'report.who.self', replies: [VI.report.kinds] },
    ]);
    expect(JSON.stringify(storage)).not.toContain('safetyOffer');
  });

  it('keeps the danger message itself when the person was writing their account, and asks nothing after the offer', async () => {
    const bot = await createTestBot();
    const replies = await runTurns(dialogClient(bot), [
      ...toDescription,
      { says: 'tối qua nó cầm dao dọa giết tôi', replies: [VI.emergency, VI.offer], buttons: VI.alertButtons },
      { says: 'tôi trốn vào nhà hàng xóm rồi', replies: [VI.report.descriptionNext] },
      { says: 'xong', replies: [VI.report.contact] },
      { says: 'skip', replies: [expect.stringContaining('• Lời kể: 2 tin nhắn') as unknown as string] },
      { says: 'report.send', replies: [VI.report.sent, expect.any(String) as unknown as string, expect.any(String) as unknown as string, VI.menuAgain] },
    ]);
    const { id } = await bot.db.prisma.report.findUniqueOrThrow({ where: { code: replies.at(-1)![1]! } });
    expect((await bot.services.reports.read(id))?.details.description).toEqual(['tối qua nó cầm dao dọa giết tôi', 'tôi trốn vào nhà hàng xóm rồi']);
  });

  it.each(['con dao nay sac qua', 'danh gia dich vu', 'Tôi muốn được tư vấn thêm'])('does not interrupt "%s"', async (says) => {
    await runTurns(dialogClient(await createTestBot()), [...toDescription, { says, replies: [VI.report.descriptionNext] }]);
  });

  it('interrupts again when the danger is said again, and a typed "có" asks for a counselor', async () => {
    const bot = await createTestBot();
    await runTurns(dialogClient(bot), [
      ...toDescription,
      { says: 'nó đang đánh tôi', replies: [VI.emergency, VI.offer] },
      { says: 'nó đang đánh tôi', replies: [VI.emergency, VI.offer] },
      { says: 'có', replies: [VI.counselorRequested, VI.report.descriptionNext] },
    ]);
    const pseudonym = bot.services.secretBox.pseudonym('test', 'user1');
    expect(await bot.db.prisma.counselorRequest.findMany({ where: { pseudonym }, select: { priority: true, reason: true, routedAreaCode: true } })).toEqual([
      { priority: 'urgent', reason: 'violence', routedAreaCode: 'vn' },
    ]);
  });

  it('names the nearest trusted address from the area the person keeps in their profile', async () => {
    const storage = new MemoryStorage();
    const bot = await createTestBot({ storage });
    await storage.write({ [userStateKey(bot)]: { profile: { disclosed: true, areaCode: 'hue/vy-da' } } });
    await runTurns(dialogClient(bot), [
      { says: 'hi', replies: [VI.greeting[2]!] },
      { says: 'bị nhốt trong phòng', replies: [`${VI.emergency}\n• 0234 000 0200: Nhóm phòng, chống bạo lực gia đình Huế (gần bạn)`, VI.offer] },
    ]);
  });

  it('puts the emergency numbers on call buttons too, police first, then the nearest trusted address; the text keeps them all', async () => {
    const storage = new MemoryStorage();
    const bot = await createTestBot({ storage });
    await storage.write({ [userStateKey(bot)]: { profile: { disclosed: true, areaCode: 'hue/vy-da' } } });
    const client = dialogClient(bot);
    await turnReplies(client, 'hi');
    const [emergency, offer, ...rest] = await turnReplies(client, 'bị nhốt trong phòng');
    expect(emergency?.text).toBe(`${VI.emergency}\n• 0234 000 0200: Nhóm phòng, chống bạo lực gia đình Huế (gần bạn)`);
    expect(callButtons(emergency)).toEqual([
      ['Gọi 113', 'call', 'tel:113'],
      ['Gọi 115', 'call', 'tel:115'],
      ['Gọi 111', 'call', 'tel:111'],
      ['Gọi 0234 000 0200', 'call', 'tel:02340000200'],
    ]);
    // The offer, with its choices, still comes last.
    expect([offer?.text, rest]).toEqual([VI.offer, []]);

    const english = dialogClient(await createTestBot());
    await turnReplies(english, OPENING.en.says);
    const [first] = await turnReplies(english, 'I want to end my life');
    expect([first?.text, callButtons(first).map(([title]) => title)]).toEqual([EN.emergency, ['Call 113', 'Call 115', 'Call 111']]);
  });

  it('logs the category only: never the words, never who', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString('utf8'));
        done();
      },
    });
    const bot = await createTestBot({ logger: createLogger('info', sink) });
    await runTurns(dialogClient(bot), [{ says: 'chồng tôi cầm dao', replies: [VI.emergency, VI.offer] }]);
    expect(lines.map((line) => JSON.parse(line) as Record<string, unknown>)).toEqual([expect.objectContaining({ msg: 'danger interrupt', category: 'weapon', channel: 'test' })]);
    expect(lines.join('')).not.toMatch(/dao|chồng|user1/);
  });
});

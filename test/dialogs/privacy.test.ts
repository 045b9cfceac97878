import { MemoryStorage } from 'botbuilder';
import { botStateKey } from '../../src/store/optimisticState.js';
import { closeTestBots, createTestBot, dialogClient, runTurns, userStateKey } from '../support/botHarness.js';
import { CODE, LANGUAGES, OPENING } from '../support/phrases.js';

/** The items a MemoryStorage holds, by key. */
const stored = (storage: MemoryStorage): Record<string, string> => (storage as unknown as { memory: Record<string, string> }).memory;

afterAll(closeTestBots);

it.each(['thoát', 'THOAT', 'exit'])('"%s" as the very first message says only the neutral line, in the default language', async (says) => {
  await runTurns(dialogClient(await createTestBot()), [{ says, replies: ['Được rồi. Hẹn gặp lại bạn!'] }]);
});

describe.each(LANGUAGES)('"thoát" and "xóa dữ liệu" in %s', (locale, L) => {
  const r = L.report;
  const p = L.privacy;

  it.each([
    ['the main menu', []],
    ['the first question of a report', [L.says.menu]],
    ['the list of kinds', [L.says.menu, 'report.danger.no', 'report.who.self']],
    ['the description', [L.says.menu, 'skip', 'skip', 'skip', 'ha noi', 'skip', 'skip', 'skip', r.story[0]!]],
    ['a lookup', ['menu.lookup']],
    ['the deletion question', [L.says.delete]],
  ])('exit from %s ends everything at once with a neutral line', async (_where, path) => {
    const storage = new MemoryStorage();
    const client = dialogClient(await createTestBot({ storage }));
    await runTurns(client, [OPENING[locale]]);
    for (const says of path) await client.sendActivity(says);
    while (client.getNextReply()) {
      // Drop the path's replies.
    }
    await runTurns(client, [
      { says: L.says.exit, replies: [p.exit] },
      // The next message starts afresh at the menu; nothing of the report is left.
      { says: 'hi', replies: [L.greeting[2]!] },
    ]);
    expect(JSON.stringify(stored(storage))).not.toContain('reportDraft');
  });

  it('the exit line gives nothing away', () => {
    expect(p.exit).not.toMatch(/bạo lực|báo|tin|nguy hiểm|violence|report|danger|help|giúp/i);
  });

  it('deletion asks first, says what is deleted and kept; "no" returns to the question that was open', async () => {
    await runTurns(dialogClient(await createTestBot()), [
      OPENING[locale],
      { says: L.says.menu, replies: [r.intro, r.danger] },
      { says: 'report.danger.no', replies: [r.who] },
      { says: L.says.delete, replies: [p.confirm], buttons: p.confirmButtons },
      { says: p.confirmButtons[1]!, replies: [p.kept, r.who] },
      { says: 'report.who.child', replies: [r.kinds] },
    ]);
  });

  it('a danger interrupt during the deletion question resumes it', async () => {
    await runTurns(dialogClient(await createTestBot()), [
      OPENING[locale],
      { says: L.says.delete, replies: [p.confirm] },
      { says: L.says.danger, replies: [L.emergency, L.offer] },
      { says: L.says.continue, replies: [p.confirm] },
      { says: p.confirmButtons[1]!, replies: [p.kept, L.greeting[2]!] },
    ]);
  });

  it('deletion erases the conversation, the profile, drafts and open requests; a sent report stays, de-identified', async () => {
    const storage = new MemoryStorage();
    const bot = await createTestBot({ storage });
    const client = dialogClient(bot);
    const replies = await runTurns(client, [
      OPENING[locale],
      { says: L.says.menu, replies: [r.intro, r.danger] },
      { says: 'report.danger.no', replies: [r.who] },
      { says: 'skip', replies: [r.kinds] },
      { says: 'skip', replies: [r.province] },
      { says: 'skip', replies: [r.when] },
      { says: 'skip', replies: [r.ongoing] },
      { says: 'skip', replies: [r.description] },
      { says: 'skip', replies: [r.contact] },
      { says: 'report.contact.phone', replies: [r.phone] },
      { says: '0912345678', replies: [r.hours] },
      { says: 'skip', replies: [expect.any(String) as unknown as string] },
      { says: 'report.send', replies: [r.sent, expect.stringMatching(CODE) as unknown as string, expect.any(String) as unknown as string, L.menuAgain] },
      // An urgent request for a counselor, still open.
      { says: L.says.danger, replies: [L.emergency, L.offer] },
      { says: 'handoff.request', replies: [L.counselorRequested, L.menuAgain] },
      // A new report half written.
      { says: L.says.menu, replies: [r.intro, r.danger] },
      { says: 'report.danger.yes', replies: [L.emergency, L.offer] },
    ]);
    const code = replies.at(-5)![1]!;
    const pseudonym = (await bot.db.prisma.report.findUniqueOrThrow({ where: { code } })).reporterPseudonym!;
    expect(await bot.db.prisma.counselorRequest.count({ where: { pseudonym } })).toBe(1);
    const pseudonymise = (channel: string, id: string) => bot.services.secretBox.pseudonym(channel, id);
    // Stored under pseudonyms: the test adapter's conversation and user ids are nowhere in the keys.
    expect(Object.keys(stored(storage)).sort()).toEqual(
      [botStateKey('conversations', 'test', 'Convo1', pseudonymise), userStateKey(bot)].sort(),
    );
    expect(Object.keys(stored(storage)).join()).not.toMatch(/Convo1|user1/);

    await runTurns(client, [
      { says: L.says.delete, replies: [p.confirm] },
      { says: p.confirmButtons[0]!, replies: [p.done] },
    ]);

    expect(stored(storage)).toEqual({});
    expect(await bot.db.prisma.counselorRequest.count({ where: { pseudonym } })).toBe(0);
    const report = await bot.db.prisma.report.findUniqueOrThrow({ where: { code } });
    expect(report).toMatchObject({ reporterPseudonym: null, channel: null, contactConsent: 'none', contactSealed: null });
    expect(await bot.services.reports.statusByCode(code)).toBe('received');
    // A fresh start: the greeting again, in Vietnamese, since the chosen language went too.
    await runTurns(client, [{ says: 'hi', replies: OPENING.vi.replies }]);
  });
});

import { closeTestBots, createTestBot, dialogClient, runTurns, type TestBot } from '../support/botHarness.js';
import { LANGUAGES, OPENING } from '../support/phrases.js';

/** A report filed by someone, as the lookup finds it. */
async function fileReport(bot: TestBot): Promise<{ id: string; code: string }> {
  return bot.services.reports.submit({ reporter: { channel: 'test', pseudonym: 'someone' }, kinds: ['mental'], place: {}, description: ['...'], contact: { via: 'none' } });
}

afterAll(closeTestBots);

describe.each(LANGUAGES)('LookupDialog in %s', (locale, L) => {
  const l = L.lookup;

  it('"tra cứu <code>" shows the status in plain words and adds information to the same report', async () => {
    const bot = await createTestBot();
    const { id, code } = await fileReport(bot);
    const added = locale === 'vi' ? ['Hôm qua anh ấy lại đến nhà', 'Tôi đang ở nhà mẹ đẻ'] : ['He came to the house again yesterday', 'I am staying with my mother'];
    await runTurns(dialogClient(bot), [
      OPENING[locale],
      { says: `${L.says.lookup} ${code.toLowerCase()}`, replies: [l.received(code), l.more], buttons: l.moreButtons },
      { says: l.moreButtons[0]!, replies: [l.addAsk] },
      { says: added[0]!, replies: [l.addNext] },
      { says: added[1]!, replies: [l.addNext] },
      { says: locale === 'vi' ? 'xong' : 'done', replies: [l.added, L.menuAgain] },
    ]);
    expect((await bot.services.reports.read(id))?.additions.map((a) => a.text)).toEqual(added);
  });

  it('asks for the code when it was not given, and shows a referral', async () => {
    const bot = await createTestBot();
    const { id, code } = await fileReport(bot);
    await bot.db.prisma.report.update({ where: { id }, data: { status: 'referred_health' } });
    await runTurns(dialogClient(bot), [
      OPENING[locale],
      { says: 'menu.lookup', replies: [l.ask] },
      { says: `${code.slice(0, 4)} ${code.slice(4)}`, replies: [l.referredHealth(code), l.more] },
      { says: l.moreButtons[1]!, replies: [L.menuAgain] },
    ]);
  });

  it('says plainly when a code is malformed or unknown, and gives up after three tries', async () => {
    await runTurns(dialogClient(await createTestBot()), [
      OPENING[locale],
      { says: L.says.lookup, replies: [l.ask] },
      { says: 'ABC', replies: [l.invalid, l.ask] },
      { says: 'zzzz zzzz', replies: [l.notFound('ZZZZZZZZ'), l.ask] },
      { says: 'K7M2QX9P', replies: [l.notFound('K7M2QX9P'), l.giveUp, L.menuAgain] },
    ]);
  });

  it('opens on its longest trigger ("tra cứu báo tin" also contains the report\'s "báo tin") and goes back to the menu', async () => {
    await runTurns(dialogClient(await createTestBot()), [
      OPENING[locale],
      { says: locale === 'vi' ? 'Tra cuu bao tin' : 'check a report', replies: [l.ask] },
      { says: 'skip', replies: [L.menuAgain] },
    ]);
  });

  it.each([
    ['the code question', ['menu.lookup'], 'ask'],
    ['the offer to add information', ['CODE'], 'more'],
    // While adding information the danger message is information too: kept, hence "added".
    ['adding information', ['CODE', 'lookup.more.add'], 'addNext'],
    ['adding a second message', ['CODE', 'lookup.more.add', 'first'], 'addNext'],
  ] as const)('danger interrupt inside %s resumes it', async (_where, path, prompt) => {
    const bot = await createTestBot();
    const { code } = await fileReport(bot);
    const client = dialogClient(bot);
    await runTurns(client, [OPENING[locale]]);
    for (const says of path) await client.sendActivity(says === 'CODE' ? `${L.says.lookup} ${code}` : says);
    while (client.getNextReply()) {
      // Drop the replies of the path; the table below checks what follows.
    }
    await runTurns(client, [
      { says: L.says.danger, replies: [L.emergency, L.offer] },
      { says: L.says.continue, replies: [l[prompt]] },
    ]);
  });
});

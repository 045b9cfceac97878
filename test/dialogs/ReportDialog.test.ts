import { MemoryStorage } from 'botbuilder';
import { closeTestBots, createTestBot, dialogClient, menuButtons, runTurns, type ExpectedTurn, type TestBot } from '../support/botHarness.js';
import { CODE, LANGUAGES, OPENING, type Phrases } from '../support/phrases.js';

/** One turn of a flow, with where the conversation stands afterwards. */
interface FlowTurn extends ExpectedTurn {
  /** The question the dialog asks again after an interrupt, when not the last reply. */
  readonly reprompt?: string;
  /** The local trusted-address line the emergency message carries from here on. */
  readonly local?: string;
}

/** A whole report, every step answered (buttons, payloads and typed words mixed). */
function fullReport(L: Phrases, locale: 'vi' | 'en', menu: string[]): FlowTurn[] {
  const r = L.report;
  return [
    { ...OPENING[locale], buttons: menu },
    { says: L.says.menu, replies: [r.intro, r.danger], buttons: r.dangerButtons },
    { says: 'report.danger.no', replies: [r.who], buttons: r.whoButtons },
    { says: r.whoButtons[1]!, replies: [r.kinds], buttons: r.kindsButtons },
    { says: 'report.kind.physical', replies: [r.kindPhysical], buttons: r.kindsButtons.filter((b, i) => i > 0 && i < 7).concat(locale === 'vi' ? 'Xong' : 'Done') },
    { says: r.typedMental, replies: [r.kindMental] },
    { says: locale === 'vi' ? 'xong' : 'done', replies: [r.province], buttons: r.provinceButtons },
    { says: 'ha noi', replies: [r.district], buttons: r.districtButtons, local: L.localHaNoi },
    { says: r.districtButtons[3]!, replies: [r.commune], buttons: r.communeButtons, local: L.localSocSon },
    { says: 'kim anh', replies: [r.when], buttons: r.whenButtons },
    { says: r.whenButtons[1]!, replies: [r.ongoing] },
    // After an interrupt here the danger message itself is part of the account: "noted, write more".
    { says: 'report.ongoing.yes', replies: [r.description], reprompt: r.descriptionNext },
    { says: r.story[0]!, replies: [r.descriptionNext] },
    { says: r.story[1]!, replies: [r.descriptionNext] },
    { says: 'done', replies: [r.contact], buttons: r.contactButtons },
    { says: r.contactButtons[1]!, replies: [r.phone] },
    { says: '12345', replies: [r.phoneInvalid], reprompt: r.phone },
    { says: '0912 345 678', replies: [r.hours] },
    { says: r.typedHours, replies: [r.confirmFull], buttons: r.confirmButtons },
  ];
}

/**
 * Sending: thanks, the code, what happens next, then (when the place is known) the nearest places
 * that help, the first with `nearest` in it, and `more` other messages (further places, a line for the rest).
 */
const sendTurn = (L: Phrases, nearby?: { nearest: string; more: number }): ExpectedTurn => ({
  says: L.report.confirmButtons[0]!,
  replies: [
    L.report.sent,
    expect.stringMatching(CODE) as unknown as string,
    expect.any(String) as unknown as string,
    ...(nearby ? [L.afterReport, expect.stringContaining(nearby.nearest) as unknown as string, ...Array<string>(nearby.more).fill(expect.any(String) as unknown as string)] : []),
    L.menuAgain,
  ],
});
// Kim Anh: Sóc Sơn's group, two of Hà Nội's places, and a line for the rest. Thuận Hóa: its own, then two of Huế's.
const KIM_ANH = { nearest: '024 0000 0102', more: 3 };
const THUAN_HOA = { nearest: '0234 000 0201', more: 2 };

/** The reference code from a sent report's replies. */
const codeOf = (replies: string[][]): string => replies.at(-1)![1]!;

async function reportRow(bot: TestBot, code: string) {
  const row = await bot.db.prisma.report.findUniqueOrThrow({ where: { code } });
  return bot.services.reports.read(row.id);
}

afterAll(closeTestBots);

describe.each(LANGUAGES)('ReportDialog in %s', (locale, L) => {
  const r = L.report;
  // The menu as registered, filled before the tests run.
  const menu: string[] = [];
  beforeAll(async () => void menu.push(...menuButtons(await createTestBot(), locale)));

  it('files a whole report anonymously and gives a code; what was said is stored, sealed', async () => {
    const bot = await createTestBot();
    const replies = await runTurns(dialogClient(bot), [...fullReport(L, locale, menu), sendTurn(L, KIM_ANH)]);
    const code = codeOf(replies);
    expect(replies.at(-1)![2]).toBe(r.nextPhone(code));
    expect(await reportRow(bot, code)).toMatchObject({
      status: 'received',
      urgency: 'ongoing',
      affected: 'child',
      kinds: ['physical', 'mental'],
      provinceCode: 'ha-noi',
      districtCode: 'ha-noi/huyen-soc-son',
      communeCode: 'ha-noi/kim-anh',
      routedAreaCode: 'ha-noi/huyen-soc-son',
      details: { dangerNow: false, when: 'today', ongoing: 'yes', description: r.story },
      contact: { via: 'phone', phone: '0912345678', hours: r.typedHours },
    });
  });

  it('lets every question be skipped, and files what is left', async () => {
    const bot = await createTestBot();
    const skip = locale === 'vi' ? ['bỏ qua', 'không muốn trả lời', 'Bỏ qua', 'không muốn nói', 'skip', 'bo qua', 'Bỏ qua', 'khong muon tra loi'] : ['skip', 'Skip', 'skip', 'prefer not to say', 'Skip', 'skip', 'skip', 'skip'];
    const replies = await runTurns(dialogClient(bot), [
      OPENING[locale],
      { says: L.says.menu, replies: [r.intro, r.danger] },
      { says: skip[0]!, replies: [r.who] },
      { says: skip[1]!, replies: [r.kinds] },
      { says: skip[2]!, replies: [r.province] },
      { says: skip[3]!, replies: [r.when] },
      { says: skip[4]!, replies: [r.ongoing] },
      { says: skip[5]!, replies: [r.description] },
      { says: skip[6]!, replies: [r.contact] },
      { says: skip[7]!, replies: [r.confirmSkipped] },
      sendTurn(L),
    ]);
    const code = codeOf(replies);
    expect(replies.at(-1)![2]).toBe(r.nextNone(code));
    expect(await reportRow(bot, code)).toMatchObject({ urgency: 'unknown', kinds: [], routedAreaCode: 'vn', contact: { via: 'none' }, details: { description: [] } });
  });

  it('"yes, in danger now": the emergency numbers first, then a counselor on request, then the report goes on', async () => {
    const bot = await createTestBot();
    const replies = await runTurns(dialogClient(bot), [
      OPENING[locale],
      { says: L.says.menu, replies: [r.intro, r.danger] },
      { says: r.dangerButtons[0]!, replies: [L.emergency, L.offer], buttons: L.offerButtons },
      { says: L.says.counselor, replies: [L.counselorRequested, r.who] },
      { says: 'report.who.self', replies: [r.kinds] },
      { says: 'report.kind.isolation', replies: [expect.any(String) as unknown as string] },
      { says: 'done', replies: [r.province] },
      // A ward typed straight away: its province is found too.
      { says: locale === 'vi' ? 'phường thuận hóa' : 'Thuan Hoa ward', replies: [r.when] },
      { says: 'report.when.now', replies: [r.description] },
      { says: 'done', replies: [r.contact] },
      { says: 'report.contact.chat', replies: [expect.any(String) as unknown as string] },
      sendTurn(L, THUAN_HOA),
    ]);
    const code = codeOf(replies);
    expect(replies.at(-1)![2]).toBe(r.nextChat(code));
    const report = await reportRow(bot, code);
    expect(report).toMatchObject({ urgency: 'immediate', affected: 'self', kinds: ['isolation'], communeCode: 'hue/thuan-hoa', routedAreaCode: 'hue/thuan-hoa', contact: { via: 'chat' } });
    expect(await bot.services.reports.canContactReporter(report!.id, 'chat')).toBe(true);
    const pseudonym = bot.services.secretBox.pseudonym('test', 'user1');
    expect(await bot.db.prisma.counselorRequest.findMany({ where: { pseudonym }, select: { priority: true, reason: true, routedAreaCode: true, status: true } })).toEqual([
      { priority: 'urgent', reason: 'report', routedAreaCode: 'vn', status: 'open' },
    ]);
  });

  it('keeps a place it does not know as typed, and a skipped phone number means no call', async () => {
    const bot = await createTestBot();
    const replies = await runTurns(dialogClient(bot), [
      OPENING[locale],
      { says: L.says.menu, replies: [r.intro, r.danger] },
      { says: 'report.danger.no', replies: [r.who] },
      { says: 'skip', replies: [r.kinds] },
      { says: 'skip', replies: [r.province] },
      { says: 'Điện Biên', replies: [expect.any(String) as unknown as string] },
      { says: 'bản Na Hôm', replies: [r.when] },
      { says: 'skip', replies: [r.ongoing] },
      { says: 'skip', replies: [r.description] },
      { says: 'skip', replies: [r.contact] },
      { says: 'report.contact.phone', replies: [r.phone] },
      { says: 'skip', replies: [r.phoneSkipped, expect.stringContaining(r.confirmSkipped.split('\n')[0]!) as unknown as string] },
      sendTurn(L),
    ]);
    expect(await reportRow(bot, codeOf(replies))).toMatchObject({ provinceCode: 'dien-bien', communeCode: undefined, routedAreaCode: 'vn', details: { placeText: 'bản Na Hôm' }, contact: { via: 'none' } });
  });

  it('asks again when the answer is not one of the buttons', async () => {
    await runTurns(dialogClient(await createTestBot()), [
      OPENING[locale],
      { says: L.says.menu, replies: [r.intro, r.danger] },
      { says: 'maybe', replies: [L.pickRetry], buttons: r.dangerButtons },
      { says: '2', replies: [r.who] },
    ]);
  });

  it('cancel at the end sends nothing and throws the draft away', async () => {
    const storage = new MemoryStorage();
    const bot = await createTestBot({ storage });
    const before = await bot.db.prisma.report.count();
    await runTurns(dialogClient(bot), [...fullReport(L, locale, menu), { says: r.confirmButtons[1]!, replies: [r.cancelled, L.menuAgain] }]);
    expect(await bot.db.prisma.report.count()).toBe(before);
    expect(JSON.stringify(storage)).not.toContain('reportDraft');
  });

  // The danger interrupt from every step of the form: numbers first (with the nearest trusted
  // address once the area is known), then the offer; "continue" asks the same question again and
  // the form goes on exactly as before.
  const flow = fullReport(L, locale, menu);
  const flowAndSend: FlowTurn[] = [...flow, sendTurn(L, KIM_ANH)];
  it.each(flow.map((turn, index) => [index, turn.says, index]))('danger interrupt at step %i (after "%s") resumes the same question', async (_i, _says, index) => {
    const local = flow.slice(0, index + 1).reduce<string>((found, turn) => turn.local ?? found, '');
    const here = flow[index]!;
    await runTurns(dialogClient(await createTestBot()), [
      ...flow.slice(0, index + 1),
      { says: L.says.danger, replies: [L.emergency + local, L.offer], buttons: L.alertButtons },
      { says: L.says.continue, replies: [here.reprompt ?? here.replies.at(-1)!] },
      flowAndSend[index + 1]!,
    ]);
  });

  it('danger interrupt while writing, then "talk to a counselor": an urgent request routed to the area, said plainly; the words are kept and the form resumes', async () => {
    const bot = await createTestBot();
    const before = flow.findIndex((turn) => turn.says === r.story[0]);
    const weapon = locale === 'vi' ? 'chồng cầm dao dọa chém' : 'he has a knife';
    const rest = flow.slice(before + 1).map((turn) => (turn.replies[0] === r.confirmFull ? { ...turn, replies: [r.confirmFull.replace(': 2 ', ': 3 ')] } : turn));
    const replies = await runTurns(dialogClient(bot), [
      ...flow.slice(0, before + 1),
      { says: weapon, replies: [L.emergency + L.localSocSon, L.offer], buttons: L.alertButtons },
      { says: 'handoff.request', replies: [L.counselorRequested, r.descriptionNext] },
      ...rest,
      sendTurn(L, KIM_ANH),
    ]);
    const pseudonym = bot.services.secretBox.pseudonym('test', 'user1');
    expect(await bot.db.prisma.counselorRequest.findMany({ where: { pseudonym }, select: { priority: true, reason: true, routedAreaCode: true } })).toEqual([
      { priority: 'urgent', reason: 'weapon', routedAreaCode: 'ha-noi/huyen-soc-son' },
    ]);
    expect((await reportRow(bot, codeOf(replies)))?.details.description).toEqual([r.story[0], weapon, r.story[1]]);
  });
});

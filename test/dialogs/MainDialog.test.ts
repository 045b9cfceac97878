import { MemoryStorage } from 'botbuilder';
import { ComponentDialog, WaterfallDialog } from 'botbuilder-dialogs';
import { HANDOFF_ENTRY_ID, MenuRegistry, type MenuEntryOptions, type MenuEntryResult } from '../../src/bot/MenuRegistry.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { createMenu } from '../../src/menu.js';
import { closeTestBots, createTestBot, dialogClient, loadTexts, menuButtons, runTurns, type ExpectedTurn } from '../support/botHarness.js';
import { PHRASES } from '../support/phrases.js';

const VI = {
  greeting: 'Xin chào! Mình là trợ lý tự động (không phải người thật) của mạng lưới phòng, chống bạo lực gia đình. Bạn không cần cho biết tên hay số điện thoại.',
  notEmergency: 'Đây không phải dịch vụ cấp cứu. Nếu bạn đang gặp nguy hiểm, hãy gọi ngay 113 (công an) hoặc 115 (cấp cứu).',
  menu: 'Bạn cần gì? Hãy chọn một mục bên dưới.',
  again: 'Bạn muốn làm gì tiếp theo?',
  notUnderstood: 'Xin lỗi, mình chưa hiểu ý bạn. Bạn chọn một mục bên dưới nhé.',
};
const EN = {
  switched: 'I will speak English with you.',
  menu: 'What do you need? Please choose an option below.',
  again: 'What would you like to do next?',
  help: 'I can help you through the options in the menu. Type “menu” or “start over” at any time to go back to the main menu. Type “Tiếng Việt” to switch to Vietnamese.\nType “exit” to stop at once. Type “delete my data” to delete what I keep about you.',
};

/** A stand-in feature so the registry's routing can be observed. */
function echoFeature(id: string): ComponentDialog {
  const dialog = new ComponentDialog(id);
  dialog.addDialog(
    new WaterfallDialog(`${id}.steps`, [
      async (step) => {
        await step.context.sendActivity(`inside ${id}`);
        return step.endDialog();
      },
    ]),
  );
  return dialog;
}

describe('MainDialog', () => {
  afterAll(closeTestBots);
  // The production menu's buttons, from its MenuRegistry (filled before the tests run).
  const MENU = { vi: [] as string[], en: [] as string[] };
  beforeAll(async () => {
    const bot = await createTestBot();
    MENU.vi.push(...menuButtons(bot, 'vi'));
    MENU.en.push(...menuButtons(bot, 'en'));
  });

  const cases: [string, ExpectedTurn[]][] = [
    [
      'greets once, discloses it is automated, shows the Vietnamese menu',
      [
        { says: 'hi', replies: [VI.greeting, VI.notEmergency, VI.menu], buttons: MENU.vi },
        { says: 'xin chào', replies: [VI.again], buttons: MENU.vi },
      ],
    ],
    [
      'says it did not understand, then shows the menu again',
      [
        { says: 'hi', replies: [VI.greeting, VI.notEmergency, VI.menu] },
        { says: 'asdfgh', replies: [VI.notUnderstood, VI.again] },
      ],
    ],
    [
      'switches to English by typed word and keeps the menu in English',
      [
        { says: 'hi', replies: [VI.greeting, VI.notEmergency, VI.menu] },
        { says: 'ENGLISH', replies: [EN.switched, EN.menu], buttons: MENU.en },
        { says: 'help', replies: [EN.help, EN.menu] },
      ],
    ],
    [
      'switches back with "tieng viet" typed without diacritics',
      [
        { says: 'English', replies: [EN.switched, 'Hello! I am an automated assistant (not a person) of the domestic violence prevention network. You do not need to give your name or phone number.', 'This is not an emergency service. If you are in danger, call 113 (police) or 115 (ambulance) now.', EN.menu] },
        { says: 'tieng viet', replies: ['Mình sẽ nói tiếng Việt với bạn.', VI.menu] },
      ],
    ],
    [
      'the language button (payload) toggles the language',
      [
        { says: 'hi', replies: [VI.greeting, VI.notEmergency, VI.menu] },
        { says: 'menu.language', replies: [EN.switched, EN.menu] },
      ],
    ],
    [
      'help works by button, by word without diacritics and by number',
      [
        { says: 'hi', replies: [VI.greeting, VI.notEmergency, VI.menu] },
        // Help is a global command: it answers, then repeats the question that was open.
        { says: 'menu.help', replies: [expect.stringContaining('Gõ “menu” hoặc “bắt đầu lại”') as unknown as string, VI.menu] },
        { says: 'huong dan', replies: [expect.stringContaining('Gõ “menu”') as unknown as string, VI.menu] },
      ],
    ],
  ];

  it('answers help picked by its number in the menu', async () => {
    const bot = await createTestBot();
    const number = String(menuButtons(bot, 'vi').indexOf('Hướng dẫn') + 1);
    await runTurns(dialogClient(bot), [
      { says: 'hi', replies: [VI.greeting, VI.notEmergency, VI.menu] },
      { says: number, replies: [expect.stringContaining('Gõ “menu”') as unknown as string, VI.again] },
    ]);
  });

  it.each(cases)('%s', async (_name, turns) => {
    const client = dialogClient(await createTestBot());
    await runTurns(client, turns);
  });

  it('opens a registered feature by button, by trigger words without diacritics, and returns to the menu', async () => {
    // Any i18n array works as trigger phrases; the greeting words are a convenient existing one.
    const menu = new MenuRegistry().register({ id: 'menu.legal', labelKey: 'menu.help', triggersKey: 'commands.greeting', dialog: echoFeature('legal') });
    const client = dialogClient(await createTestBot({ menu }));
    await runTurns(client, [
      { says: 'hi', replies: [VI.greeting, VI.notEmergency, VI.menu], buttons: ['Hướng dẫn', 'Hướng dẫn', 'English'] },
      { says: 'menu.legal', replies: ['inside legal', VI.again] },
      { says: 'a, XIN CHAO ban oi', replies: ['inside legal', VI.again] },
    ]);
  });

  it('hands free text nothing else matched to the first entry that recognizes it, with the text', async () => {
    const seen: string[] = [];
    const echoUtterance = new ComponentDialog('echo');
    echoUtterance.addDialog(
      new WaterfallDialog('echo.steps', [
        async (step) => {
          await step.context.sendActivity(`echo: ${(step.options as MenuEntryOptions | undefined)?.utterance ?? '(none)'}`);
          return step.endDialog();
        },
      ]),
    );
    const menu = new MenuRegistry()
      .register({ id: 'menu.never', labelKey: 'menu.help', dialog: echoFeature('never'), recognizes: (text) => (seen.push(text), false) })
      .register({ id: 'menu.echo', labelKey: 'menu.help', dialog: echoUtterance, recognizes: (text) => text.includes('luật') });
    const client = dialogClient(await createTestBot({ menu }));
    await runTurns(client, [
      { says: 'hi', replies: [VI.greeting, VI.notEmergency, VI.menu] },
      { says: 'hỏi về luật đất đai', replies: ['echo: hỏi về luật đất đai', VI.again] },
      // A greeting or a button never reaches the recognizers.
      { says: 'xin chào', replies: [VI.again] },
      { says: 'menu.echo', replies: ['echo: (none)', VI.again] },
      { says: 'asdfgh', replies: [VI.notUnderstood, VI.again] },
    ]);
    expect(seen).toEqual(['hỏi về luật đất đai', 'asdfgh']);
  });

  it('opens the entry a finished feature names as next, and ignores a name nobody registered', async () => {
    const handingOver = (next: string) => {
      const dialog = new ComponentDialog(`to-${next}`);
      dialog.addDialog(
        new WaterfallDialog(`to-${next}.steps`, [
          async (step) => {
            await step.context.sendActivity(`handing over to ${next}`);
            return step.endDialog({ next } satisfies MenuEntryResult);
          },
        ]),
      );
      return dialog;
    };
    const menu = new MenuRegistry()
      .register({ id: 'menu.a', labelKey: 'menu.help', dialog: handingOver(HANDOFF_ENTRY_ID) })
      .register({ id: 'menu.b', labelKey: 'menu.help', dialog: handingOver('menu.missing') })
      .register({ id: HANDOFF_ENTRY_ID, labelKey: 'menu.help', dialog: echoFeature('handoff') });
    expect(menu.has(HANDOFF_ENTRY_ID)).toBe(true);
    expect(menu.has('menu.missing')).toBe(false);
    const client = dialogClient(await createTestBot({ menu }));
    await runTurns(client, [
      { says: 'hi', replies: [VI.greeting, VI.notEmergency, VI.menu] },
      { says: 'menu.a', replies: [`handing over to ${HANDOFF_ENTRY_ID}`, 'inside handoff', VI.again] },
      { says: 'menu.b', replies: ['handing over to menu.missing', VI.again] },
    ]);
  });

  it('"bắt đầu lại" in the middle of a feature cancels it and shows the menu', async () => {
    const waiting = new ComponentDialog('waiting');
    waiting.addDialog(
      new WaterfallDialog('waiting.steps', [
        async (step) => {
          await step.context.sendActivity('question?');
          return { status: 'waiting' } as never;
        },
        async (step) => {
          await step.context.sendActivity('should not be reached');
          return step.endDialog();
        },
      ]),
    );
    const menu = new MenuRegistry().register({ id: 'menu.wait', labelKey: 'menu.help', dialog: waiting });
    const client = dialogClient(await createTestBot({ menu }));
    await runTurns(client, [
      { says: 'hi', replies: [VI.greeting, VI.notEmergency, VI.menu] },
      { says: 'menu.wait', replies: ['question?'] },
      { says: 'BAT DAU LAI', replies: [VI.menu] },
    ]);
  });

  it('remembers the language per user across conversations (UserState)', async () => {
    const storage = new MemoryStorage();
    const runtime = await createTestBot({ storage });
    await runTurns(dialogClient(runtime), [
      { says: 'hi', replies: [VI.greeting, VI.notEmergency, VI.menu] },
      { says: 'English', replies: [EN.switched, EN.menu] },
    ]);
    // A new conversation (fresh dialog state) for the same user on the same storage.
    await storage.delete(Object.keys((storage as unknown as { memory: Record<string, unknown> }).memory).filter((k) => k.includes('/conversations/')));
    await runTurns(dialogClient(runtime), [{ says: 'hi', replies: [EN.menu] }]);
  });

  it('sends free text to the feature whose trigger phrases it contains most, ties to the earlier entry', async () => {
    // The production menu: legal information registered first (built outside), reporting and lookup
    // shown first; ties in typed words still go to the earlier registered entry.
    const menu = createMenu({ config: loadConfig({}), texts: await loadTexts(), logger: createLogger('silent') });
    const bot = await createTestBot({ menu, features: true });
    const client = dialogClient(bot);
    const reportIntro = PHRASES.vi.report.intro;
    expect(menuButtons(bot, 'vi')).toContain('Thông tin pháp luật');
    const replies = await runTurns(client, [
      { says: 'hi', replies: [VI.greeting, VI.notEmergency, VI.menu], buttons: menuButtons(bot, 'vi') },
      { says: 'tôi muốn báo tin bạo lực', replies: [reportIntro, PHRASES.vi.report.danger] },
      { says: 'menu', replies: [VI.menu] },
      { says: 'tra cứu báo tin', replies: [PHRASES.vi.lookup.ask] },
      { says: 'menu', replies: [VI.menu] },
    ]);
    expect(replies).toHaveLength(5);
    // "luật" (legal) and "bạo lực" (report) both match once: the earlier entry, legal, answers.
    const legal = await client.sendActivity('hỏi luật phòng chống bạo lực gia đình');
    expect(legal?.text).toMatch(/^Thế nào là bạo lực gia đình\n[\s\S]*Căn cứ: Điều 2, Luật Phòng, chống bạo lực gia đình 2022/);
  });
});

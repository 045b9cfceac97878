import { ComponentDialog, WaterfallDialog } from 'botbuilder-dialogs';
import { legalMenuEntry, PAGE_SIZE } from '../../dialogs/LegalDialog.js';
import { HANDOFF_ENTRY_ID, MenuRegistry } from '../../src/bot/MenuRegistry.js';
import { LegalService } from '../../src/legal/LegalService.js';
import { countPhrases } from '../../src/text/foldText.js';
import { createTestBot, dialogClient, loadTexts, runTurns, type ExpectedTurn, closeTestBots } from '../support/botHarness.js';

// The bots of this file share one in-memory database for their services.
afterAll(() => closeTestBots());

const legal = LegalService.fromContent();
const card = (id: string) => {
  const found = legal.library.card(id);
  if (!found) throw new Error(`card ${id} missing`);
  return found;
};
const article = (lawId: string, number: number) => {
  const found = legal.library.article(lawId, number);
  if (!found) throw new Error(`${lawId} ${number} missing`);
  return found.article;
};
const cardTitles = (ids: string[], locale: 'vi' | 'en') => ids.map((id) => card(id).title[locale]);

const VI = {
  greeting: 'Xin chào! Mình là trợ lý tự động (không phải người thật) của mạng lưới phòng, chống bạo lực gia đình. Bạn không cần cho biết tên hay số điện thoại.',
  notEmergency: 'Đây không phải dịch vụ cấp cứu. Nếu bạn đang gặp nguy hiểm, hãy gọi ngay 113 (công an) hoặc 115 (cấp cứu).',
  menu: 'Bạn cần gì? Hãy chọn một mục bên dưới.',
  again: 'Bạn muốn làm gì tiếp theo?',
  topics: 'Bạn muốn tìm hiểu chủ đề nào? Bạn cũng có thể gõ thẳng câu hỏi của mình, có dấu hay không dấu đều được.',
  next: 'Bạn muốn xem gì tiếp? Bạn cũng có thể gõ một câu hỏi khác.',
  note: 'Đây là thông tin chung, không phải tư vấn pháp lý cho trường hợp riêng của bạn.',
  dontKnow: 'Xin lỗi, mình chưa tìm được thông tin đủ chắc chắn cho câu hỏi này, và mình không muốn đoán về chuyện pháp luật.',
  offerHelp: 'Bạn có thể xem nơi nhận giúp đỡ, chọn một chủ đề bên dưới, hoặc hỏi lại bằng cách khác.',
  offerCounselor: 'Bạn có thể nói chuyện với tư vấn viên, chọn một chủ đề bên dưới, hoặc hỏi lại bằng cách khác.',
  topicButtons: ['Kết hôn', 'Ly hôn', 'Con cái', 'Tài sản vợ chồng', 'Bạo lực gia đình', 'Bảo vệ, cấm tiếp xúc', 'Tìm giúp đỡ', 'Bình đẳng giới', 'Menu chính'],
};
const EN = {
  switched: 'I will speak English with you.',
  menu: 'What do you need? Please choose an option below.',
  topics: 'Which topic would you like to know about? You can also type your own question.',
  next: 'What would you like to see next? You can also type another question.',
  note: 'This is general information, not legal advice for your own situation.',
  dontKnow: 'Sorry, I could not find information I am sure about for this question, and I do not want to guess about the law.',
  offerHelp: 'You can see where to get help, choose a topic below, or ask again in other words.',
};

const MARRIAGE_AGE_VI = [
  card('marriage-age').title.vi,
  card('marriage-age').answer.vi,
  'Căn cứ: Khoản 1 Điều 8, Luật Hôn nhân và gia đình 2014; Khoản 8 Điều 3, Luật Hôn nhân và gia đình 2014; Khoản 2 Điều 5, Luật Hôn nhân và gia đình 2014.',
  VI.note,
].join('\n');
const MARRIAGE_AGE_BUTTONS = ['Đọc Điều 8', 'Đọc Điều 3', ...cardTitles(['marriage-conditions', 'child-marriage', 'marriage-registration'], 'vi'), 'Chủ đề pháp luật', 'Menu chính'];
const CUSTODY_EN = [
  card('custody-after-divorce').title.en,
  card('custody-after-divorce').answer.en,
  'Source: Article 81(1)(2)(3), Law on Marriage and Family 2014; Article 58, Law on Marriage and Family 2014.',
  EN.note,
].join('\n');
const DV_CARDS = ['dv-fines', 'dv-prohibited-acts', 'economic-violence', 'family-members', 'isolation', 'mental-violence', 'physical-violence', 'right-to-work-study', 'sexual-violence', 'what-is-domestic-violence'];

/** A stand-in for the counselor handoff feature, which registers `menu.handoff`. */
function handoffStub(): ComponentDialog {
  const dialog = new ComponentDialog('handoff');
  dialog.addDialog(
    new WaterfallDialog('handoff.steps', [
      async (step) => {
        await step.context.sendActivity('inside handoff');
        return step.endDialog();
      },
    ]),
  );
  return dialog;
}

async function client(options: { withHandoff?: boolean } = {}) {
  const texts = await loadTexts();
  const menu = new MenuRegistry();
  menu.register(legalMenuEntry({ texts, legal, menu }));
  if (options.withHandoff) menu.register({ id: HANDOFF_ENTRY_ID, labelKey: 'menu.help', dialog: handoffStub() });
  return dialogClient(await createTestBot({ menu }));
}

describe('LegalDialog', () => {
  const cases: [string, ExpectedTurn[]][] = [
    [
      'vi: topic menu, paged topic, free question with diacritics, full article',
      [
        { says: 'hi', replies: [VI.greeting, VI.notEmergency, VI.menu], buttons: ['Thông tin pháp luật', 'Hướng dẫn', 'English'] },
        { says: 'menu.legal', replies: [VI.topics], buttons: VI.topicButtons },
        {
          says: 'bao luc gia dinh',
          replies: ['Bạo lực gia đình: chọn một câu hỏi bên dưới, hoặc gõ câu hỏi của bạn.'],
          buttons: [...cardTitles(DV_CARDS.slice(0, PAGE_SIZE), 'vi'), 'Xem thêm', 'Quay lại'],
        },
        { says: 'xem them', replies: ['Bạo lực gia đình: chọn một câu hỏi bên dưới, hoặc gõ câu hỏi của bạn.'], buttons: [...cardTitles(DV_CARDS.slice(PAGE_SIZE), 'vi'), 'Quay lại'] },
        { says: 'Quay lại', replies: ['Bạo lực gia đình: chọn một câu hỏi bên dưới, hoặc gõ câu hỏi của bạn.'], buttons: [...cardTitles(DV_CARDS.slice(0, PAGE_SIZE), 'vi'), 'Xem thêm', 'Quay lại'] },
        { says: 'Bao nhiêu tuổi thì được kết hôn?', replies: [MARRIAGE_AGE_VI, VI.next], buttons: MARRIAGE_AGE_BUTTONS },
        {
          says: 'Đọc Điều 8',
          replies: [`Trích Điều 8, Luật Hôn nhân và gia đình 2014: Điều kiện kết hôn\n${article('52/2014/QH13', 8).text}`, VI.next],
          buttons: MARRIAGE_AGE_BUTTONS,
        },
        // The button; typing "menu chính" is the global command and shows the whole menu.
        { says: 'legal.exit', replies: [VI.again] },
      ],
    ],
    [
      'vi: the same question without diacritics gets the same answer, straight from the main menu',
      [
        { says: 'hi', replies: [VI.greeting, VI.notEmergency, VI.menu] },
        { says: 'bao nhieu tuoi thi duoc ket hon', replies: [MARRIAGE_AGE_VI, VI.next], buttons: MARRIAGE_AGE_BUTTONS },
      ],
    ],
    [
      'vi: an off-topic question gets an honest "I don\'t know" and the way to help',
      [
        { says: 'hi', replies: [VI.greeting, VI.notEmergency, VI.menu] },
        { says: 'hỏi luật', replies: [VI.topics] },
        { says: 'thoi tiet ha noi hom nay the nao', replies: [VI.dontKnow, VI.offerHelp], buttons: [card('where-to-get-help').title.vi, 'Chủ đề pháp luật', 'Menu chính'] },
        { says: '1', replies: [expect.stringContaining(card('where-to-get-help').answer.vi) as unknown as string, VI.next] },
      ],
    ],
    [
      'en: topics, a question, the article (in Vietnamese, said so), and "I don\'t know"',
      [
        { says: 'English', replies: [EN.switched, expect.any(String) as unknown as string, expect.any(String) as unknown as string, EN.menu], buttons: ['Legal information', 'Help', 'Tiếng Việt'] },
        { says: 'Legal information', replies: [EN.topics], buttons: ['Marriage', 'Divorce', 'Children', 'Property of spouses', 'Domestic violence', 'Protection, no-contact', 'Getting help', 'Gender equality', 'Main menu'] },
        { says: 'who gets the kids if we divorce?', replies: [CUSTODY_EN, EN.next], buttons: ['Read Article 81', 'Read Article 58', ...cardTitles(['child-support', 'visiting-rights', 'change-custody'], 'en'), 'Legal topics', 'Main menu'] },
        {
          says: 'Read Article 81',
          replies: [
            `From Article 81, Law on Marriage and Family 2014: ${article('52/2014/QH13', 81).title}\nThe law is published in Vietnamese only; here is its text:\n${article('52/2014/QH13', 81).text}`,
            EN.next,
          ],
        },
        { says: 'asdfgh qwerty', replies: [EN.dontKnow, EN.offerHelp], buttons: [card('where-to-get-help').title.en, 'Legal topics', 'Main menu'] },
      ],
    ],
    [
      'the repealed 2007 law, if ever asked for, comes with the note that it was replaced',
      [
        { says: 'hi', replies: [VI.greeting, VI.notEmergency, VI.menu] },
        { says: 'menu.legal', replies: [VI.topics] },
        {
          says: 'legal.article:02/2007/QH12#1',
          replies: [
            [
              'Trích Điều 1, Luật Phòng, chống bạo lực gia đình 2007 (đã hết hiệu lực): Phạm vi điều chỉnh',
              'Lưu ý: văn bản 02/2007/QH12 đã được thay thế bởi 13/2022/QH15; nội dung trích ở đây chỉ để tham khảo, hãy hỏi tư vấn viên về quy định hiện hành.',
              article('02/2007/QH12', 1).text,
            ].join('\n'),
            VI.topics,
          ],
        },
      ],
    ],
  ];

  it.each(cases)('%s', async (_name, turns) => {
    await runTurns(await client(), turns);
  });

  it('offers a counselor when the handoff feature is there, and hands over to it', async () => {
    await runTurns(await client({ withHandoff: true }), [
      { says: 'hi', replies: [VI.greeting, VI.notEmergency, VI.menu] },
      { says: 'menu.legal', replies: [VI.topics] },
      { says: 'Làm sao để xin lệnh cấm tiếp xúc?', replies: [expect.stringContaining('Căn cứ: Điều 25, Luật Phòng, chống bạo lực gia đình 2022') as unknown as string, VI.next] },
      { says: 'asdfgh qwerty', replies: [VI.dontKnow, VI.offerCounselor], buttons: ['Nói chuyện với tư vấn viên', 'Chủ đề pháp luật', 'Menu chính'] },
      { says: 'Nói chuyện với tư vấn viên', replies: ['inside handoff', VI.again] },
    ]);
  });

  it('answers a legal question typed at the main menu that no trigger phrase names', async () => {
    const question = 'Muốn chồng không được lại gần mình thì xin ở đâu?';
    const texts = await loadTexts();
    expect(countPhrases(question, texts.listAll('legal:triggers'))).toBe(0);
    await runTurns(await client(), [
      { says: 'hi', replies: [VI.greeting, VI.notEmergency, VI.menu] },
      { says: question, replies: [expect.stringMatching(/^Xin cấm tiếp xúc tại Ủy ban xã/) as unknown as string, VI.next] },
    ]);
  });

  it('answers the four example questions from the main menu, citing the right article', async () => {
    const examples: [string, RegExp][] = [
      ['Bao nhiêu tuổi thì được kết hôn?', /Điều 8, Luật Hôn nhân và gia đình 2014/],
      ['Ly hôn thì con ở với ai?', /Điều 81, Luật Hôn nhân và gia đình 2014/],
      ['Chồng không cho đi làm có phải bạo lực gia đình không?', /Điều 3, Luật Phòng, chống bạo lực gia đình 2022/],
      ['Làm sao để xin lệnh cấm tiếp xúc?', /Điều 25, Luật Phòng, chống bạo lực gia đình 2022/],
    ];
    for (const [question, citation] of examples) {
      const test = await client();
      await runTurns(test, [
        { says: 'hi', replies: [VI.greeting, VI.notEmergency, VI.menu] },
        { says: question, replies: [expect.stringMatching(citation) as unknown as string, VI.next] },
      ]);
    }
  });
});

import { ActivityTypes } from 'botbuilder';
import { clubReminderMiddleware } from '../../dialogs/reminders/clubReminderMiddleware.js';
import { RemindersDialog, REMINDERS_MENU_ID } from '../../dialogs/reminders/RemindersDialog.js';
import type { RemindersDialogServices } from '../../dialogs/reminders/subscribeWithConfirmation.js';
import { MenuRegistry } from '../../src/bot/MenuRegistry.js';
import { Clubs, type ClubInput } from '../../src/reminders/Clubs.js';
import { ClubSubscriptions } from '../../src/reminders/ClubSubscriptions.js';
import { localInstant } from '../../src/reminders/localTime.js';
import { createTestBot, dialogClient, loadTexts, runTurns, type ExpectedTurn, closeTestBots } from '../support/botHarness.js';
import { testSecretBox } from '../support/testSecretBox.js';
import { createTestDatabase, type TestDatabase } from '../support/testDatabase.js';

// The bots of this file share one in-memory database for their services.
afterAll(() => closeTestBots());

const NOW = localInstant({ year: 2027, month: 3, day: 1 }, 10 * 60);
const club = (code: string, name: string, day: number): ClubInput => ({
  code, name, province: 'Hà Nội', district: 'Ba Vì', commune: 'Tản Lĩnh', village: '',
  rule: { day: { kind: 'dayOfMonth', day }, everyMonths: 1, anchorMonth: '2027-01', time: 19 * 60 + 30, place: 'Nhà văn hoá thôn' },
  active: true,
});

let testDb: TestDatabase;
let services: RemindersDialogServices;

beforeAll(async () => {
  testDb = await createTestDatabase('pglite');
  const clubs = new Clubs(testDb.db.sql, testSecretBox());
  await clubs.upsert(club('HN01', 'CLB Thôn Đông', 15));
  await clubs.upsert(club('ĐT02', 'CLB Xóm Đình', 20));
  services = {
    texts: await loadTexts(),
    clubs,
    subscriptions: new ClubSubscriptions(testDb.db.sql),
    personOf: (context) => ({ id: `${context.activity.channelId}:${context.activity.from?.id}:${context.activity.conversation?.id}`, channel: context.activity.channelId }),
    now: () => NOW,
  };
});
afterAll(() => testDb.dispose());

async function client(withServices: RemindersDialogServices = services) {
  const menu = new MenuRegistry().register({ id: REMINDERS_MENU_ID, labelKey: 'reminders:menuLabel', triggersKey: 'reminders:triggers', dialog: new RemindersDialog(withServices) });
  return dialogClient(await createTestBot({ menu, middleware: [clubReminderMiddleware(withServices)] }));
}

const VI_MENU = 'Bạn cần gì? Hãy chọn một mục bên dưới.';
const VI_AGAIN = 'Bạn muốn làm gì tiếp theo?';
const EN_AGAIN = 'What would you like to do next?';
const GREETING = [expect.stringContaining('trợ lý tự động') as unknown as string, expect.stringContaining('113') as unknown as string];

describe('RemindersDialog', () => {
  const cases: [string, ExpectedTurn[]][] = [
    [
      'vi: subscribes by a code typed in lower case without diacritics, lists the club, unsubscribes',
      [
        { says: 'hi', replies: [...GREETING, VI_MENU], buttons: ['Nhắc lịch sinh hoạt', 'Hướng dẫn', 'English'] },
        {
          says: 'nhac lich',
          replies: [
            'Bạn chưa nhận nhắc lịch của câu lạc bộ nào. Mình sẽ nhắc bạn trước mỗi buổi sinh hoạt, kèm chủ đề của buổi đó.',
            'Bạn nhập mã câu lạc bộ nhé (ví dụ: HN01). Người phụ trách câu lạc bộ sẽ cho bạn biết mã này.',
          ],
        },
        { says: 'xx99', replies: ['Mình chưa tìm thấy câu lạc bộ có mã này. Bạn kiểm tra lại mã với người phụ trách rồi nhập lại nhé, hoặc gõ “menu” để quay lại.'] },
        {
          says: 'dt 02',
          replies: [
            'Xong rồi! Bạn sẽ nhận nhắc lịch sinh hoạt của CLB Xóm Đình: 3 ngày trước và 2 giờ trước mỗi buổi. Mình không nhắn trong khoảng 21 giờ đến 7 giờ sáng.\nBuổi sinh hoạt tới: 19:30, Thứ Bảy 20/03/2027, tại Nhà văn hoá thôn.',
            VI_AGAIN,
          ],
        },
        {
          says: 'menu.reminders',
          replies: ['Bạn đang nhận nhắc lịch của:\n• CLB Xóm Đình: 19:30, Thứ Bảy 20/03/2027, tại Nhà văn hoá thôn', 'Bạn muốn làm gì?'],
          buttons: ['Thêm câu lạc bộ', 'Hủy nhắc lịch', 'Về menu'],
        },
        { says: 'huy nhac lich', replies: ['Mình đã hủy nhắc lịch của CLB Xóm Đình. Bạn có thể đăng ký lại bất cứ lúc nào.', VI_AGAIN] },
        { says: 'hủy nhắc lịch', replies: ['Bạn chưa đăng ký nhắc lịch nào nên không có gì để hủy.', VI_AGAIN] },
      ],
    ],
    [
      'vi: gives up kindly after two wrong codes',
      [
        { says: 'menu', replies: [...GREETING, VI_MENU] },
        { says: 'đăng ký nhắc lịch', replies: [expect.stringContaining('Bạn chưa nhận nhắc lịch') as unknown as string, expect.stringContaining('Bạn nhập mã') as unknown as string] },
        { says: 'abc', replies: [expect.stringContaining('Mình chưa tìm thấy') as unknown as string] },
        { says: 'abd', replies: ['Mình vẫn chưa tìm thấy mã này. Khi có mã đúng, bạn chọn “Nhắc lịch sinh hoạt” trong menu để đăng ký nhé.', VI_AGAIN] },
      ],
    ],
    [
      'en: two clubs, picks which one to stop by its button',
      [
        { says: 'English', replies: ['I will speak English with you.', expect.any(String) as unknown as string, expect.any(String) as unknown as string, 'What do you need? Please choose an option below.'], buttons: ['Meeting reminders', 'Help', 'Tiếng Việt'] },
        { says: 'reminders', replies: [expect.stringContaining('You do not receive reminders') as unknown as string, expect.stringContaining('type your club') as unknown as string] },
        {
          says: 'HN01',
          replies: [
            "Done! You will get reminders of CLB Thôn Đông's meetings: 3 days and 2 hours before each one. I do not send messages between 9 pm and 7 am.\nNext meeting: 19:30, Monday 15/03/2027, at Nhà văn hoá thôn.",
            EN_AGAIN,
          ],
        },
        { says: 'menu.reminders', replies: [expect.stringContaining('You get reminders from:\n• CLB Thôn Đông: 19:30, Monday 15/03/2027') as unknown as string, 'What would you like to do?'] },
        { says: 'reminders.add', replies: [expect.stringContaining('type your club') as unknown as string] },
        { says: 'ĐT02', replies: [expect.stringContaining('Done!') as unknown as string, EN_AGAIN] },
        { says: 'menu.reminders', replies: [expect.stringContaining('• CLB Xóm Đình') as unknown as string, 'What would you like to do?'], buttons: ['Add a club', 'Stop reminders', 'Back to menu'] },
        { says: 'stop reminders', replies: ['Which club\'s reminders do you want to stop?'], buttons: ['CLB Thôn Đông', 'CLB Xóm Đình'] },
        { says: 'hn01', replies: ['I have stopped the reminders from CLB Thôn Đông. You can subscribe again at any time.', EN_AGAIN] },
      ],
    ],
  ];
  it.each(cases)('%s', async (_name, turns) => {
    await runTurns(await client(), turns);
  });

  describe('on a channel where reminders can use a phone number (Zalo ZNS)', () => {
    const phones = new Map<string, string>();
    const withPhones = (): RemindersDialogServices => ({
      ...services,
      // Each case talks as its own person, so the phone book starts empty for it.
      personOf: (context) => ({ ...services.personOf(context), id: `${services.personOf(context).id}:phones:${expect.getState().currentTestName}` }),
      reminderPhone: { wanted: () => true, has: async (id) => phones.has(id), save: async (id, phone) => void phones.set(id, phone) },
    });

    it('vi: explains why, rejects what is not a number, keeps the number in one form', async () => {
      await runTurns(await client(withPhones()), [
        { says: 'hi', replies: [...GREETING, VI_MENU] },
        { says: 'nhac lich', replies: [expect.stringContaining('Bạn chưa nhận nhắc lịch') as unknown as string, expect.stringContaining('Bạn nhập mã') as unknown as string] },
        {
          says: 'hn01',
          replies: [expect.stringContaining('Xong rồi!') as unknown as string, expect.stringContaining('Zalo chỉ cho phép mình nhắn bạn trong 7 ngày') as unknown as string],
          buttons: ['Bỏ qua'],
        },
        { says: 'nhà văn hoá', replies: ['Số này có vẻ chưa đúng. Bạn gửi lại số điện thoại (ví dụ 0912 345 678), hoặc bấm “Bỏ qua” nhé.'] },
        { says: '+84 912.345.678', replies: ['Cảm ơn bạn! Khi đã lâu bạn chưa nhắn cho mình, mình sẽ gửi nhắc lịch qua tin thông báo Zalo đến số này.', VI_AGAIN] },
      ]);
      expect([...phones.values()]).toEqual(['0912345678']);
      // Asked once: adding another club does not ask again.
      await runTurns(await client(withPhones()), [
        { says: 'hi', replies: [...GREETING, VI_MENU] },
        { says: 'menu.reminders', replies: [expect.stringContaining('• CLB Thôn Đông') as unknown as string, 'Bạn muốn làm gì?'] },
        { says: 'reminders.add', replies: [expect.stringContaining('Bạn nhập mã') as unknown as string] },
        { says: 'DT02', replies: [expect.stringContaining('Xong rồi!') as unknown as string, VI_AGAIN] },
      ]);
    });

    it('en: skipping keeps no number', async () => {
      await runTurns(await client(withPhones()), [
        { says: 'English', replies: ['I will speak English with you.', expect.any(String) as unknown as string, expect.any(String) as unknown as string, expect.any(String) as unknown as string] },
        { says: 'reminders', replies: [expect.stringContaining('You do not receive reminders') as unknown as string, expect.stringContaining('type your club') as unknown as string] },
        { says: 'HN01', replies: [expect.stringContaining('Done!') as unknown as string, expect.stringContaining('Zalo only lets me message you for 7 days') as unknown as string], buttons: ['Skip'] },
        { says: 'skip', replies: ['No problem. Just write to me now and then and the reminders will keep coming.', EN_AGAIN] },
      ]);
      expect([...phones.keys()].filter((id) => id.endsWith('skipping keeps no number'))).toEqual([]);
    });
  });

  it('an m.me ref link subscribes, confirming after the disclosure and before the menu question', async () => {
    const c = await client();
    const replies = [await c.sendActivity({ type: ActivityTypes.Message, text: 'menu.start', value: { referral: { ref: 'club-HN01', source: 'SHORTLINK' } } })];
    for (let next = c.getNextReply(); next; next = c.getNextReply()) replies.push(next);
    expect(replies.map((r) => r?.text)).toEqual([...GREETING, expect.stringContaining('Xong rồi! Bạn sẽ nhận nhắc lịch sinh hoạt của CLB Thôn Đông'), VI_MENU]);
    expect(replies.at(-1)?.suggestedActions?.actions.length).toBe(3);
  });

  it('RSVP buttons record the answer, which can be changed, wherever the conversation is', async () => {
    const c = await client();
    await runTurns(c, [
      { says: 'hi', replies: [...GREETING, VI_MENU] },
      // Subscribed through the ref link above: the list, and a question left open.
      { says: 'nhắc lịch', replies: [expect.stringContaining('• CLB Thôn Đông') as unknown as string, 'Bạn muốn làm gì?'] },
    ]);
    const { meeting } = (await services.clubs.meetingById((await services.clubs.changeMeeting((await services.clubs.findByCode('HN01'))!, '2027-03-15', { topic: 'Chia sẻ việc nhà' }))!))!;
    await runTurns(c, [
      { says: `rsvp.yes:${meeting.id}`, replies: ['Cảm ơn bạn! Mình đã ghi nhận bạn sẽ tham gia. Hẹn gặp bạn ở buổi sinh hoạt.'] },
      { says: `rsvp.no:${meeting.id}`, replies: ['Cảm ơn bạn đã báo. Mình đã ghi nhận bạn không tham gia được buổi này; hẹn bạn lần sau nhé.'] },
      // The question is still open.
      { says: 'reminders.back', replies: [VI_AGAIN] },
    ]);
    const answers = await testDb.db.sql.query<{ answer: string }>('SELECT answer FROM meeting_rsvp WHERE meeting_id = $1', [meeting.id]);
    expect(answers.map((a) => a.answer)).toEqual(['no']);
  });
});

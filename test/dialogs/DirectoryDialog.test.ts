import { callButtons, closeTestBots, createTestBot, dialogClient, menuButtons, runTurns, turnReplies } from '../support/botHarness.js';
import { OPENING, PHRASES } from '../support/phrases.js';

const VI = {
  province: 'Bạn muốn tìm nơi giúp đỡ ở tỉnh, thành phố nào? Bấm chọn, hoặc gõ tên tỉnh, phường hay xã (có dấu hay không dấu đều được).',
  commune: 'Ở phường, xã nào?',
  found: 'Đây là những nơi gần Phường Cầu Giấy có thể giúp bạn, nơi gần nhất ở trên cùng:',
  healthStation: 'Trạm y tế phường Cầu Giấy (trạm y tế)\nĐiện thoại: 024 0000 0111\nThời gian: 7:30–17:00, thứ Hai đến thứ Sáu\nCó thể giúp: khám, chữa thương, chỗ tạm lánh an toàn',
  national: 'Số toàn quốc, miễn phí, cả ngày đêm:\n• 113: Công an\n• 115: Cấp cứu\n• 111: Tổng đài quốc gia bảo vệ trẻ em',
  noneNear: 'Mình chưa có địa chỉ nào ở Phường Mường Thanh. Bạn vẫn có thể gọi các số toàn quốc dưới đây.',
  urgent: 'Nếu bạn đang gặp nguy hiểm, hãy gọi ngay một trong các số dưới đây.',
};
const EN = {
  province: 'Which province or city should I look in? Tap one, or type the name of a province, ward or commune (with or without Vietnamese accents).',
  found: 'These places near Thuận Hóa Ward can help you, the nearest first:',
  trusted: 'Thuận Hóa ward trusted address (trusted address)\nPhone: 0234 000 0201\nCan help with: listening and counselling, a safe place to stay',
  national: 'National numbers, free, day and night:\n• 113: Police\n• 115: Ambulance\n• 111: National child protection hotline',
};

const turn = turnReplies;
const calls = callButtons;

afterAll(closeTestBots);

describe('DirectoryDialog', () => {
  it('is on the main menu, and finds places by typed names without diacritics: commune, then district, province, national (vi)', async () => {
    const bot = await createTestBot();
    expect(menuButtons(bot, 'vi')).toContain('Tìm nơi giúp đỡ');
    const client = dialogClient(bot);
    await runTurns(client, [
      OPENING.vi,
      { says: 'tim noi giup do', replies: [VI.province], buttons: ['Hà Nội', 'Huế', 'Điện Biên', 'Không muốn nói'] },
      // "Cầu Giấy" is first the former district; its wards are offered next.
      { says: 'cau giay', replies: [VI.commune], buttons: ['Cầu Giấy', 'Nghĩa Đô', 'Yên Hòa', 'Không muốn nói'] },
    ]);
    const replies = await turn(client, 'phuong cau giay');
    expect(replies.map((reply) => reply.text)).toEqual([
      VI.found,
      VI.healthStation,
      expect.stringMatching(/^Địa chỉ tin cậy phường Cầu Giấy \(địa chỉ tin cậy\)\nĐiện thoại: 024 0000 0101/),
      expect.stringMatching(/^Câu lạc bộ gia đình hạnh phúc khu vực Cầu Giấy/),
      expect.stringMatching(/^Đường dây nóng phòng, chống bạo lực gia đình Hà Nội/),
      expect.stringMatching(/^Trung tâm trợ giúp pháp lý nhà nước Hà Nội/),
      'Còn 2 nơi khác ở xa hơn: chọn “Tìm nơi giúp đỡ” trong menu và gõ tên phường, xã để thấy nơi gần nhất.',
      VI.national,
      PHRASES.vi.menuAgain,
    ]);
    expect(calls(replies[1])).toEqual([['Gọi 024 0000 0111', 'call', 'tel:02400000111']]);
    expect(calls(replies[7])).toEqual([
      ['Gọi 113', 'call', 'tel:113'],
      ['Gọi 115', 'call', 'tel:115'],
      ['Gọi 111', 'call', 'tel:111'],
    ]);
  });

  it('says plainly when an area has no place yet, and gives the national numbers (vi, "số điện thoại hỗ trợ")', async () => {
    const client = dialogClient(await createTestBot());
    await runTurns(client, [
      OPENING.vi,
      { says: 'cho tôi số điện thoại hỗ trợ', replies: [VI.province] },
      { says: 'xa muong thanh', replies: [VI.noneNear + '\n' + VI.national, PHRASES.vi.menuAgain] },
    ]);
  });

  it('works in English, a ward typed with its kind', async () => {
    const client = dialogClient(await createTestBot());
    await runTurns(client, [
      OPENING.en,
      { says: 'find help near me', replies: [EN.province] },
      {
        says: 'Thuan Hoa ward',
        replies: [
          EN.found,
          EN.trusted,
          expect.stringMatching(/^Huế state legal aid centre \(legal aid\)\nPhone: 0234 000 0210\nHours: 7:30–17:00, Monday to Friday/) as unknown as string,
          expect.stringMatching(/^Huế domestic violence prevention group/) as unknown as string,
          EN.national,
          PHRASES.en.menuAgain,
        ],
      },
    ]);
  });

  it('from the danger interrupt: the emergency numbers first, each one tap from a call, then where to look', async () => {
    const bot = await createTestBot();
    const client = dialogClient(bot);
    await runTurns(client, [
      OPENING.vi,
      { says: PHRASES.vi.says.danger, replies: [PHRASES.vi.emergency, PHRASES.vi.offer], buttons: PHRASES.vi.alertButtons },
    ]);
    const replies = await turn(client, 'Tìm nơi giúp đỡ');
    expect(replies[0]?.text).toBe(`${VI.urgent}\n${VI.national}`);
    expect(calls(replies[0])).toHaveLength(3);
    // No area known: it asks, after the numbers.
    expect(replies[1]?.text).toBe(VI.province);
    const after = await turn(client, 'soc son');
    expect(after[0]?.text).toBe(VI.commune);
  });
});

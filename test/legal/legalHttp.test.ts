import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { createMenu } from '../../src/menu.js';
import { botReplies, emulatorMessage, startTestApp, type TestApp } from '../support/testApp.js';
import { loadTexts } from '../support/botHarness.js';

describe('legal information through the Bot Framework channel', () => {
  let app: TestApp;
  beforeAll(async () => {
    const config = loadConfig({});
    app = await startTestApp({ menu: createMenu({ config, texts: await loadTexts(), logger: createLogger('silent') }) });
  });
  afterAll(() => app.close());

  it.each([
    ['Bao nhiêu tuổi thì được kết hôn?', 'Bao nhieu tuoi thi duoc ket hon?', 'Điều 8, Luật Hôn nhân và gia đình 2014'],
    ['Ly hôn thì con ở với ai?', 'ly hon thi con o voi ai', 'Điều 81, Luật Hôn nhân và gia đình 2014'],
    ['Chồng không cho đi làm có phải bạo lực gia đình không?', 'chong khong cho di lam co phai bao luc gia dinh khong', 'Điều 3, Luật Phòng, chống bạo lực gia đình 2022'],
    ['Làm sao để xin lệnh cấm tiếp xúc?', 'lam sao de xin lenh cam tiep xuc', 'Điều 25, Luật Phòng, chống bạo lực gia đình 2022'],
  ])('"%s" cites the article, and without diacritics gets the same answer', async (question, plain, citation) => {
    const conversation = `conv-${Math.random().toString(36).slice(2)}`;
    await botReplies(app.url, emulatorMessage('hi', 'user-a', conversation));
    const [answer] = await botReplies(app.url, emulatorMessage(question, 'user-a', conversation));
    expect(answer).toContain(citation);
    const other = `conv-${Math.random().toString(36).slice(2)}`;
    await botReplies(app.url, emulatorMessage('hi', 'user-b', other));
    expect((await botReplies(app.url, emulatorMessage(plain, 'user-b', other)))[0]).toBe(answer);
  });

  it('says honestly that it does not know an off-topic question, and offers help', async () => {
    const conversation = 'conv-offtopic';
    await botReplies(app.url, emulatorMessage('hi', 'user-c', conversation));
    await botReplies(app.url, emulatorMessage('menu.legal', 'user-c', conversation));
    const replies = await botReplies(app.url, emulatorMessage('Mai Hà Nội có mưa không?', 'user-c', conversation));
    expect(replies).toEqual([
      'Xin lỗi, mình chưa tìm được thông tin đủ chắc chắn cho câu hỏi này, và mình không muốn đoán về chuyện pháp luật.',
      'Bạn có thể nói chuyện với tư vấn viên, chọn một chủ đề bên dưới, hoặc hỏi lại bằng cách khác.',
    ]);
  });
});

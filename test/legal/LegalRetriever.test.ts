import { BaseRetriever } from '@langchain/core/retrievers';
import { LegalRetriever } from '../../src/legal/LegalRetriever.js';
import { LegalService } from '../../src/legal/LegalService.js';

const service = LegalService.fromContent();

/** The four example questions, the cards that answer them and the article each must cite. */
const EXAMPLES: [string, string, string[], { lawId: string; article: number }][] = [
  ['Bao nhiêu tuổi thì được kết hôn?', 'Bao nhieu tuoi thi duoc ket hon?', ['marriage-age'], { lawId: '52/2014/QH13', article: 8 }],
  ['Ly hôn thì con ở với ai?', 'ly hon thi con o voi ai', ['custody-after-divorce'], { lawId: '52/2014/QH13', article: 81 }],
  ['Chồng không cho đi làm có phải bạo lực gia đình không?', 'chong khong cho di lam co phai bao luc gia dinh khong', ['right-to-work-study', 'economic-violence'], { lawId: '13/2022/QH15', article: 3 }],
  ['Làm sao để xin lệnh cấm tiếp xúc?', 'lam sao de xin lenh cam tiep xuc', ['no-contact-commune', 'no-contact-court'], { lawId: '13/2022/QH15', article: 25 }],
];

describe('LegalRetriever', () => {
  const retriever = service.retriever('vi');

  it('is a LangChain retriever', () => {
    expect(retriever).toBeInstanceOf(BaseRetriever);
    expect(retriever).toBeInstanceOf(LegalRetriever);
  });

  it.each(EXAMPLES)('answers "%s" with the right card, citing the article, with or without diacritics', async (withDiacritics, without, cards, article) => {
    const [best] = await retriever.invoke(withDiacritics);
    expect(best?.metadata).toMatchObject({ kind: 'card', cardId: expect.stringMatching(new RegExp(`^(${cards.join('|')})$`)) });
    expect(best?.metadata.citations).toContainEqual(expect.objectContaining(article));
    expect(best?.metadata.score).toBeGreaterThanOrEqual(1);
    expect(best?.pageContent).toBe(service.library.card(best?.metadata.cardId ?? '')?.answer.vi);
    // Without diacritics: exactly the same documents, in the same order, with the same scores.
    const plain = await retriever.invoke(without);
    expect(plain.map((document) => document.metadata)).toEqual((await retriever.invoke(withDiacritics)).map((document) => document.metadata));
  });

  it('puts card texts in the requested language', async () => {
    const [best] = await service.retriever('en').invoke('who gets the kids if we divorce?');
    expect(best?.metadata.cardId).toBe('custody-after-divorce');
    expect(best?.pageContent).toBe(service.library.card('custody-after-divorce')?.answer.en);
  });

  it.each(['Mai Hà Nội có mưa không?', 'thoi tiet sai gon hom nay the nao', 'Cách nấu canh chua cá lóc ngon', 'what is the weather in da nang tomorrow', 'asdf qwerty', ''])(
    'returns nothing for an off-topic question: "%s"',
    async (question) => {
      expect(await retriever.invoke(question)).toEqual([]);
    },
  );

  it('returns at most k documents, best first', async () => {
    const documents = await service.retriever('vi', 2).invoke('ly hôn đơn phương');
    expect(documents.length).toBeLessThanOrEqual(2);
    const scores = documents.map((document) => document.metadata.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it('falls back to an article when no card fits, and never returns the repealed 2007 law', async () => {
    const law2007 = service.library.law('02/2007/QH12');
    expect(law2007).toBeDefined();
    // The 2007 law's own article texts, asked word for word, find nothing from that law.
    for (const article of law2007?.articles ?? []) {
      const documents = await retriever.invoke(`${article.title}. ${article.text ?? ''}`.slice(0, 400));
      for (const document of documents) expect(document.metadata.lawId).not.toBe('02/2007/QH12');
    }
    // No card is about surrogacy: the articles answer.
    const [best] = await retriever.invoke('mang thai hộ vì mục đích nhân đạo');
    expect(best?.metadata).toMatchObject({ kind: 'article', lawId: '52/2014/QH13', article: 95, citations: [{ lawId: '52/2014/QH13', article: 95 }] });
    expect(best?.pageContent).toBe(service.library.article('52/2014/QH13', 95)?.article.text);
  });
});

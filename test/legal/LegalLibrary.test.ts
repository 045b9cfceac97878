import { loadLegalContent } from '../../src/legal/legalContent.js';
import { LegalLibrary } from '../../src/legal/LegalLibrary.js';

const library = new LegalLibrary(loadLegalContent());

describe('citations', () => {
  const article = (lawId: string, number: number) => {
    const ref = library.article(lawId, number);
    if (!ref) throw new Error(`${lawId} ${number} missing`);
    return ref;
  };

  it.each([
    ['52/2014/QH13', 8, [], 'vi', 'Điều 8, Luật Hôn nhân và gia đình 2014'],
    ['52/2014/QH13', 8, [1], 'vi', 'Khoản 1 Điều 8, Luật Hôn nhân và gia đình 2014'],
    ['52/2014/QH13', 81, [1, 2], 'vi', 'Khoản 1, 2 Điều 81, Luật Hôn nhân và gia đình 2014'],
    ['73/2006/QH11', 13, [], 'vi', 'Điều 13, Luật Bình đẳng giới 2006'],
    ['13/2022/QH15', 25, [], 'vi', 'Điều 25, Luật Phòng, chống bạo lực gia đình 2022'],
    ['52/2014/QH13', 8, [], 'en', 'Article 8, Law on Marriage and Family 2014'],
    ['52/2014/QH13', 81, [1, 2], 'en', 'Article 81(1)(2), Law on Marriage and Family 2014'],
  ] as const)('%s Điều %i %j in %s: %s', (lawId, number, clauses, locale, expected) => {
    expect(library.formatCitation(article(lawId, number), locale, clauses)).toBe(expected);
  });

  it('names the 2007 law as repealed in its citation', () => {
    expect(library.formatCitation(article('02/2007/QH12', 1), 'vi')).toBe('Điều 1, Luật Phòng, chống bạo lực gia đình 2007 (đã hết hiệu lực)');
    expect(library.isCurrent(article('02/2007/QH12', 1).law)).toBe(false);
  });

  it("groups a card's citations by article: clauses together, a whole-article citation wins", () => {
    expect(
      library.formatCitations(
        library.citedArticles([
          { lawId: '52/2014/QH13', article: 81, clause: 2 },
          { lawId: '52/2014/QH13', article: 81, clause: 1 },
          { lawId: '52/2014/QH13', article: 58 },
          { lawId: '52/2014/QH13', article: 5, clause: 2 },
          { lawId: '52/2014/QH13', article: 5 },
        ]),
        'vi',
      ),
    ).toBe('Khoản 1, 2 Điều 81, Luật Hôn nhân và gia đình 2014; Điều 58, Luật Hôn nhân và gia đình 2014; Điều 5, Luật Hôn nhân và gia đình 2014');
  });
});

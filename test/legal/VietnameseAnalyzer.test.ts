import { VietnameseAnalyzer } from '../../src/legal/VietnameseAnalyzer.js';

const synonyms = [
  ['ly hôn', 'ly dị', 'bỏ nhau'],
  ['đánh', 'đánh đập', 'tát'],
  ['chồng', 'ck'],
];
const analyzer = new VietnameseAnalyzer({ stopwords: ['thì', 'có', 'không', 'ở', 'với'], synonyms, synonymMode: 'hybrid' });

describe('VietnameseAnalyzer', () => {
  it.each([
    ['Ly hôn thì con ở với ai?', 'ly hon thi con o voi ai'],
    ['Bao nhiêu tuổi thì được kết hôn?', 'bao nhieu tuoi thi duoc ket hon'],
    ['Chồng không cho đi làm có phải bạo lực gia đình không?', 'chong khong cho di lam co phai bao luc gia dinh khong'],
    ['Làm sao để xin lệnh cấm tiếp xúc?', 'lam sao de xin lenh cam tiep xuc'],
  ])('gives the same tokens with and without diacritics: %s', (withDiacritics, without) => {
    expect(analyzer.tokens(without)).toEqual(analyzer.tokens(withDiacritics));
    expect(analyzer.expansions(without)).toEqual(analyzer.expansions(withDiacritics));
    // Decomposed Unicode (some phone keyboards) too.
    expect(analyzer.tokens(withDiacritics.normalize('NFD'))).toEqual(analyzer.tokens(withDiacritics));
  });

  it('makes syllable unigrams without stop words, and bigrams unless both syllables are stop words', () => {
    expect(analyzer.tokens('Ly hôn thì con ở với ai')).toEqual(['ly', 'hon', 'con', 'ai', 'ly_hon', 'hon_thi', 'thi_con', 'con_o', 'voi_ai']);
  });

  it('makes no bigram across punctuation', () => {
    expect(analyzer.tokens('ly hôn. Con')).not.toContain('hon_con');
    expect(analyzer.tokens('ly hôn con')).toContain('hon_con');
  });

  it('rewrites a synonym phrase to the first word of its group, in the index and the question alike', () => {
    expect(analyzer.tokens('muốn ly dị')).toEqual(analyzer.tokens('muốn ly hôn'));
    expect(analyzer.tokens('Bỏ nhau')).toEqual(analyzer.tokens('ly hôn'));
  });

  it('does not rewrite a single folded syllable (tát / tất), but adds its synonyms to a question', () => {
    expect(analyzer.tokens('tất cả')).toContain('tat');
    expect(analyzer.tokens('bị tát')).toContain('tat');
    expect(analyzer.expansions('bị tát')).toEqual(expect.arrayContaining(['danh']));
    expect(analyzer.expansions('ck tôi')).toEqual(['chong']);
    expect(analyzer.expansions('trời mưa')).toEqual([]);
  });

  it('gives nothing for stop words alone', () => {
    expect(analyzer.tokens('có thì không')).toEqual([]);
  });

  it('can leave bigrams out (to measure what they bring)', () => {
    expect(new VietnameseAnalyzer({ stopwords: [], synonyms: [], bigrams: false }).tokens('ly hôn')).toEqual(['ly', 'hon']);
  });
});

import { matchChoice, type Choice } from '../../dialogs/shared/choices.js';

describe('matchChoice', () => {
  const choices: Choice[] = [
    { id: 'report', label: 'Báo cáo bạo lực' },
    { id: 'legal', label: 'Hỏi về pháp luật', synonyms: Object.freeze(['luật', 'hỏi luật']) },
    { id: 'skip', label: 'Bỏ qua', synonyms: ['không muốn trả lời'] },
  ];

  it('finds the tapped button by its payload id', () => {
    expect(matchChoice(' legal ', choices)?.id).toBe('legal');
  });

  it('finds a label typed without diacritics, in any case, with stray punctuation', () => {
    expect(matchChoice('BAO CAO bao luc!', choices)?.id).toBe('report');
  });

  it('finds a choice by its number in the list', () => {
    expect(matchChoice('so 3', choices)?.id).toBe('skip');
    expect(matchChoice('2', choices)?.id).toBe('legal');
  });

  it('finds a synonym, frozen list or not', () => {
    expect(matchChoice('hoi luat', choices)?.id).toBe('legal');
    expect(matchChoice('Không muốn trả lời', choices)?.id).toBe('skip');
  });

  it('finds nothing for other text, a part of a label, or nothing typed', () => {
    expect(matchChoice('tôi bị đánh', choices)).toBeUndefined();
    expect(matchChoice('bao cao', choices)).toBeUndefined();
    expect(matchChoice('   ', choices)).toBeUndefined();
    // Punctuation folds to nothing, as does an emoji label: nothing typed is not that label.
    expect(matchChoice('?!', [...choices, { id: 'ok', label: '👍' }])).toBeUndefined();
    expect(matchChoice(undefined, choices)).toBeUndefined();
  });
});

import { createTexts } from '../../src/i18n.js';

describe('Texts', () => {
  it('answers a key asked for alone the same each time, and still fills values and falls back when options are given', async () => {
    const texts = await createTexts();
    const t = texts.t('vi');
    expect(t('choiceNumbered')).toBe('{{number}}. {{label}}');
    expect(t('choiceNumbered', { number: 2, label: 'Hỏi luật' })).toBe('2. Hỏi luật');
    expect(t('choiceNumbered')).toBe('{{number}}. {{label}}');
    expect(t('no.such.key', { defaultValue: 'mặc định' })).toBe('mặc định');
    expect(texts.t('en')('greeting')).not.toBe(t('greeting'));
    expect(texts.t('vi')('greeting')).toBe(t('greeting'));
  });
});

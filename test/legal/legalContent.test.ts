import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LEGAL_CONTENT_DIR, LegalContentError, loadLegalContent } from '../../src/legal/legalContent.js';
import { hasDiacritics, loadEvalSets } from '../../src/legal/evaluation.js';
import { LegalLibrary } from '../../src/legal/LegalLibrary.js';
import { loadTexts } from '../support/botHarness.js';

const content = loadLegalContent();
const library = new LegalLibrary(content);

/** A copy of content/legal in a temporary folder, to break on purpose. */
function contentCopy(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'legal-'));
  fs.cpSync(LEGAL_CONTENT_DIR, dir, { recursive: true });
  return dir;
}

describe('content/legal', () => {
  it('loads and cross-checks: at least 25 cards, each citing existing articles', () => {
    expect(content.cards.length).toBeGreaterThanOrEqual(25);
    for (const card of content.cards) {
      expect(library.citedArticles(card.citations).length).toBeGreaterThan(0);
    }
  });

  it('keeps the 2007 law only as repealed history, replaced by the 2022 law', () => {
    expect(library.law('02/2007/QH12')).toMatchObject({ status: 'repealed', repealedBy: '13/2022/QH15' });
    expect(library.law('13/2022/QH15')?.status).toBe('in_force');
  });

  it('has a label for every card topic in both languages', async () => {
    const texts = await loadTexts();
    for (const locale of ['vi', 'en'] as const) {
      const labels = texts.t(locale)('legal:topics', { returnObjects: true }) as Record<string, string>;
      for (const topic of library.topics()) expect({ topic, locale, label: labels[topic] }).toEqual({ topic, locale, label: expect.any(String) });
    }
  });

  it('has eval questions that point at existing cards and articles, half or more without diacritics', () => {
    const { questions, offTopic } = loadEvalSets();
    expect(questions.length).toBeGreaterThanOrEqual(80);
    expect(offTopic.length).toBeGreaterThan(0);
    const vietnamese = questions.filter((question) => question.lang === 'vi');
    expect(vietnamese.filter((question) => !hasDiacritics(question.q)).length).toBeGreaterThanOrEqual(vietnamese.length / 2);
    for (const question of questions) {
      for (const id of question.cards) expect({ q: question.q, card: library.card(id)?.id }).toEqual({ q: question.q, card: id });
      for (const { lawId, article } of question.relevant) expect({ q: question.q, found: Boolean(library.article(lawId, article)) }).toEqual({ q: question.q, found: true });
    }
  });

  it('names the file and the problem when a card cites an article that does not exist', () => {
    const dir = contentCopy();
    const file = path.join(dir, 'cards', 'marriage-age.json');
    const card = JSON.parse(fs.readFileSync(file, 'utf8')) as { citations: unknown[] };
    card.citations.push({ lawId: '52/2014/QH13', article: 999 });
    fs.writeFileSync(file, JSON.stringify(card));
    expect(() => loadLegalContent(dir)).toThrow(new LegalContentError('card marriage-age cites Điều 999 of 52/2014/QH13, which is not in content/legal/laws'));
  });

  it('rejects a card whose fields do not match the format', () => {
    const dir = contentCopy();
    const file = path.join(dir, 'cards', 'marriage-age.json');
    const card = JSON.parse(fs.readFileSync(file, 'utf8')) as { title: unknown };
    card.title = { vi: 'Tuổi kết hôn' };
    fs.writeFileSync(file, JSON.stringify(card));
    expect(() => loadLegalContent(dir)).toThrow(/marriage-age\.json: title\.en/);
  });
});

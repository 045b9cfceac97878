/**
 * `npm run eval:legal`: runs the question sets in content/legal/eval/ through the legal retriever and
 * prints Recall@1, Recall@3, MRR, latency per question and the off-topic rejection rate.
 *   --misses     also list the questions whose card or article was not first, and the off-topic
 *                questions that got an answer.
 *   --ablations  also rank with parts of the method switched off (no threshold, cards only), to
 *                show what each part brings.
 */
import { evaluate, formatReport, loadEvalSets } from '../src/legal/evaluation.js';
import { DEFAULT_SEARCH_SETTINGS, type LegalSearchSettings } from '../src/legal/LegalIndex.js';
import { loadLegalContent } from '../src/legal/legalContent.js';
import { LegalService } from '../src/legal/LegalService.js';

function write(text: string): void {
  process.stdout.write(`${text}\n`);
}

async function ablations(): Promise<void> {
  const content = loadLegalContent();
  const sets = loadEvalSets();
  // Thresholds scaled down to nothing (their ratios kept, so cards and articles compete as usual):
  // every question gets its best documents, and the figures measure ranking alone.
  const scale = (thresholds: LegalSearchSettings['minCardScore']) => ({ vi: thresholds.vi * 1e-9, en: thresholds.en * 1e-9 });
  const ranking: Partial<LegalSearchSettings> = { minCardScore: scale(DEFAULT_SEARCH_SETTINGS.minCardScore), minArticleScore: scale(DEFAULT_SEARCH_SETTINGS.minArticleScore) };
  const variants: [string, Partial<LegalSearchSettings>, typeof content][] = [
    ['the method (hybrid synonyms, bigrams ×2)', {}, content],
    ['synonyms: rewrite every member', { synonymMode: 'rewrite' }, content],
    ['synonyms: expand the question only', { synonymMode: 'expand' }, content],
    ['no synonyms', {}, { ...content, synonyms: { groups: [] } }],
    ['no bigrams', { bigrams: false }, content],
    ['bigrams weighted ×1', { bigramBoost: 1 }, content],
    ['no stop words', {}, { ...content, stopwords: { vi: [], en: [] } }],
    ['all card fields weighted 1', { cardBoost: { titleVi: 1, questionsVi: 1, keywordsVi: 1, answerVi: 1, titleEn: 1, questionsEn: 1, keywordsEn: 1, answerEn: 1 } }, content],
  ];
  write('\n| ranking only (no threshold) | Recall@1 | Recall@3 | MRR |');
  write('|---|---:|---:|---:|');
  for (const [name, settings, variantContent] of variants) {
    const service = LegalService.fromContent(variantContent, { settings: { ...DEFAULT_SEARCH_SETTINGS, ...settings, ...ranking } });
    const all = (await evaluate(service, sets)).groups[0];
    if (all) write(`| ${name} | ${all.recallAt1.toFixed(3)} | ${all.recallAt3.toFixed(3)} | ${all.mrr.toFixed(3)} |`);
  }
}

async function main(): Promise<void> {
  const report = await evaluate(LegalService.fromContent(), loadEvalSets());
  write(formatReport(report));
  if (process.argv.includes('--misses')) {
    write('\nNot first (rank in the top 3, or - when missing):');
    for (const result of report.results.filter((r) => r.rank !== 0)) {
      write(`- [${result.rank ?? '-'}] ${result.question.q}  → ${result.top ?? "I don't know"}  (expected ${result.question.cards.join(', ')})`);
    }
    write('\nOff-topic questions that got an answer:');
    for (const { q, top } of report.offTopic.answeredWith) write(`- ${q}  → ${top}`);
  }
  if (process.argv.includes('--ablations')) await ablations();
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});

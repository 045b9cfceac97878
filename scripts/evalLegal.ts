/**
 * `npm run eval:legal`: runs the question sets in content/legal/eval/ through the legal retriever and
 * prints Recall@1, Recall@3, MRR, latency per question and the off-topic rejection rate.
 * `--misses` also lists the questions whose relevant card or article was not in the top 3.
 */
import { evaluate, formatReport, loadEvalSets } from '../src/legal/evaluation.js';
import { LegalService } from '../src/legal/LegalService.js';

async function main(): Promise<void> {
  const service = LegalService.fromContent();
  const sets = loadEvalSets();
  const report = await evaluate(service, sets);
  process.stdout.write(`${formatReport(report)}\n`);
  if (process.argv.includes('--misses')) {
    process.stdout.write('\nMissed (not in the top 3):\n');
    for (const result of report.results.filter((r) => r.rank === undefined || r.rank > 0)) {
      process.stdout.write(`- [${result.rank ?? '-'}] ${result.question.q}  → ${result.top ?? "I don't know"}  (expected ${result.question.cards.join(', ')})\n`);
    }
    process.stdout.write('\nOff-topic answered:\n');
    for (const { q, top } of report.offTopic.answeredWith) process.stdout.write(`- ${q}  → ${top}\n`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});

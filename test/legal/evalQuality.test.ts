import { evaluate, loadEvalSets } from '../../src/legal/evaluation.js';
import { LegalService } from '../../src/legal/LegalService.js';

// A quality gate on content/legal/eval (npm run eval:legal prints the full table, latency included;
// latency is not asserted here: a test machine's load says nothing about the method).
describe('legal retrieval quality', () => {
  it('finds the relevant card or article in the top 3 for at least 90% of the eval questions', async () => {
    const report = await evaluate(LegalService.fromContent(), loadEvalSets());
    const all = report.groups.find((group) => group.name === 'all');
    expect(all?.n).toBeGreaterThanOrEqual(80);
    expect(all?.recallAt3).toBeGreaterThanOrEqual(0.9);
    // Questions without diacritics do as well as the set.
    expect(report.groups.find((group) => group.name === 'vi, without diacritics')?.recallAt3).toBeGreaterThanOrEqual(0.9);
  });
});

import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { z } from 'zod';
import { LEGAL_CONTENT_DIR, LegalContentError } from './legalContent.js';
import type { LegalDocumentMetadata } from './LegalRetriever.js';
import type { LegalService } from './LegalService.js';

const lang = z.enum(['vi', 'en']);

/** A line of `eval/questions.jsonl`: a resident's question and what answers it. */
export const evalQuestionSchema = z.object({
  q: z.string().min(1),
  lang,
  relevant: z.array(z.object({ lawId: z.string(), article: z.number().int().positive() })),
  cards: z.array(z.string()),
});
/** A line of `eval/offtopic.jsonl`: a question the bot must not answer with the law. */
export const offTopicQuestionSchema = z.object({ q: z.string().min(1), lang });

export type EvalQuestion = z.infer<typeof evalQuestionSchema>;
export type OffTopicQuestion = z.infer<typeof offTopicQuestionSchema>;

/** The evaluation sets under `content/legal/eval/`. */
export interface EvalSets {
  readonly questions: readonly EvalQuestion[];
  readonly offTopic: readonly OffTopicQuestion[];
}

function readJsonl<T>(file: string, schema: z.ZodType<T>): T[] {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .map((line, i) => ({ line: line.trim(), number: i + 1 }))
    .filter(({ line }) => line.length > 0)
    .map(({ line, number }) => {
      const parsed = schema.safeParse(JSON.parse(line));
      if (!parsed.success) throw new LegalContentError(`${file}:${number}: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`);
      return parsed.data;
    });
}

/**
 * Reads every `*.jsonl` of `content/legal/eval/`: files named `offtopic*` hold questions to reject,
 * the others questions with their relevant articles and cards.
 */
export function loadEvalSets(dir: string = path.join(LEGAL_CONTENT_DIR, 'eval')): EvalSets {
  const files = fs.readdirSync(dir).filter((name) => name.endsWith('.jsonl')).sort();
  const questions: EvalQuestion[] = [];
  const offTopic: OffTopicQuestion[] = [];
  for (const name of files) {
    const file = path.join(dir, name);
    if (name.startsWith('offtopic')) offTopic.push(...readJsonl(file, offTopicQuestionSchema));
    else questions.push(...readJsonl(file, evalQuestionSchema));
  }
  return { questions, offTopic };
}

/** True when the text has Vietnamese diacritics (or đ). */
export function hasDiacritics(text: string): boolean {
  return /[\u0300-\u036f]/.test(text.normalize('NFD')) || /[đĐ]/.test(text);
}

/**
 * Whether a retrieved document answers the question: a card the question lists, or an article it
 * lists as relevant.
 */
export function isRelevant(question: EvalQuestion, hit: LegalDocumentMetadata): boolean {
  if (hit.kind === 'card') return hit.cardId !== undefined && question.cards.includes(hit.cardId);
  return question.relevant.some((relevant) => relevant.lawId === hit.lawId && relevant.article === hit.article);
}

/** One question's outcome. */
export interface QuestionResult {
  readonly question: EvalQuestion;
  /** 0-based rank of the first relevant document; undefined when none of the (up to 3) is. */
  readonly rank?: number;
  readonly answered: boolean;
  /** Median of the question's timed runs. */
  readonly ms: number;
  /** Slowest of them (a garbage collection shows here). */
  readonly maxMs: number;
  readonly top?: string;
}

/** Figures for one group of questions. */
export interface EvalFigures {
  readonly name: string;
  readonly n: number;
  readonly recallAt1: number;
  readonly recallAt3: number;
  readonly mrr: number;
  /** Share of questions that got an answer at all (the rest got "I don't know"). */
  readonly answered: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** The slowest single run. */
  readonly maxMs: number;
}

/** The whole run. */
export interface EvalReport {
  readonly groups: readonly EvalFigures[];
  readonly offTopic: { readonly n: number; readonly rejected: number; readonly answeredWith: readonly { q: string; top: string }[] };
  readonly results: readonly QuestionResult[];
}

/** The value at quantile `q` (nearest rank) of numbers. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] as number;
}

function figures(name: string, results: readonly QuestionResult[]): EvalFigures {
  const n = results.length || 1;
  const ms = results.map((result) => result.ms);
  return {
    name,
    n: results.length,
    recallAt1: results.filter((result) => result.rank === 0).length / n,
    recallAt3: results.filter((result) => result.rank !== undefined && result.rank < 3).length / n,
    mrr: results.reduce((sum, result) => sum + (result.rank === undefined ? 0 : 1 / (result.rank + 1)), 0) / n,
    answered: results.filter((result) => result.answered).length / n,
    p50Ms: quantile(ms, 0.5),
    p99Ms: quantile(ms, 0.99),
    maxMs: Math.max(0, ...results.map((result) => result.maxMs)),
  };
}

function label(hit: LegalDocumentMetadata | undefined): string | undefined {
  if (!hit) return undefined;
  return hit.kind === 'card' ? `card ${hit.cardId}` : `${hit.lawId} Điều ${hit.article}`;
}

/**
 * Runs every question through the service's retriever (what the dialog uses), a pass to warm up,
 * then timed (median of 5 runs per question), and computes Recall@1, Recall@3, MRR and latency per group, and the share of
 * off-topic questions that got "I don't know".
 */
export async function evaluate(service: LegalService, sets: EvalSets): Promise<EvalReport> {
  const retrievers = { vi: service.retriever('vi', 3), en: service.retriever('en', 3) };
  const run = async (q: string, language: 'vi' | 'en') => {
    // A question's latency is the median of 5 runs, so that one garbage collection does not count
    // as the method's time.
    const times: number[] = [];
    let documents: Awaited<ReturnType<(typeof retrievers)['vi']['invoke']>> = [];
    for (let i = 0; i < 5; i++) {
      const start = performance.now();
      documents = await retrievers[language].invoke(q);
      times.push(performance.now() - start);
    }
    return { hits: documents.map((document) => document.metadata), ms: quantile(times, 0.5), maxMs: Math.max(...times) };
  };
  // Steady state: a pass first, so the timings are not the JIT compiler's.
  for (const question of [...sets.questions, ...sets.offTopic]) await run(question.q, question.lang);

  const results: QuestionResult[] = [];
  for (const question of sets.questions) {
    const { hits, ms, maxMs } = await run(question.q, question.lang);
    const rank = hits.findIndex((hit) => isRelevant(question, hit));
    results.push({ question, rank: rank >= 0 ? rank : undefined, answered: hits.length > 0, ms, maxMs, top: label(hits[0]) });
  }
  const answeredWith: { q: string; top: string }[] = [];
  for (const question of sets.offTopic) {
    const { hits } = await run(question.q, question.lang);
    const top = label(hits[0]);
    if (top) answeredWith.push({ q: question.q, top });
  }
  const vi = results.filter((result) => result.question.lang === 'vi');
  return {
    groups: [
      figures('all', results),
      figures('vi, with diacritics', vi.filter((result) => hasDiacritics(result.question.q))),
      figures('vi, without diacritics', vi.filter((result) => !hasDiacritics(result.question.q))),
      figures('en', results.filter((result) => result.question.lang === 'en')),
    ],
    offTopic: { n: sets.offTopic.length, rejected: (sets.offTopic.length - answeredWith.length) / (sets.offTopic.length || 1), answeredWith },
    results,
  };
}

/** The report as Markdown tables. */
export function formatReport(report: EvalReport): string {
  const pct = (value: number) => value.toFixed(3);
  const lines = [
    '| questions | n | Recall@1 | Recall@3 | MRR | answered | p50 ms | p99 ms | max ms |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...report.groups.map(
      (group) =>
        `| ${group.name} | ${group.n} | ${pct(group.recallAt1)} | ${pct(group.recallAt3)} | ${pct(group.mrr)} | ${pct(group.answered)} | ${group.p50Ms.toFixed(2)} | ${group.p99Ms.toFixed(2)} | ${group.maxMs.toFixed(2)} |`,
    ),
    '',
    '| off-topic | n | rejected ("I don\'t know") |',
    '|---|---:|---:|',
    `| all | ${report.offTopic.n} | ${pct(report.offTopic.rejected)} |`,
  ];
  return lines.join('\n');
}

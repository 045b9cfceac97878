import type { BaseLanguageModelInterface } from '@langchain/core/language_models/base';
import { StringOutputParser } from '@langchain/core/output_parsers';
import { ChatPromptTemplate } from '@langchain/core/prompts';
import type { Runnable } from '@langchain/core/runnables';
import { ChatOpenAI } from '@langchain/openai';
import type { Locale } from '../i18n.js';
import type { Logger } from '../logger.js';
import type { ArticleRef } from './LegalLibrary.js';

/** One article the model may use, numbered [1], [2] … in the prompt. */
export interface AnswerSource {
  readonly ref: ArticleRef;
  /** The clauses given (empty: the whole article). */
  readonly clauses: readonly number[];
  /** The formatted citation, e.g. "Điều 8, Luật Hôn nhân và gia đình 2014". */
  readonly citation: string;
  /** The article text (or our summary of it) given to the model. */
  readonly text: string;
}

/** A generated answer that passed the citation check. */
export interface WrittenAnswer {
  /** The answer without its [n] markers. */
  readonly text: string;
  /** The sources it cited, in the order given to the model. */
  readonly cited: readonly AnswerSource[];
}

/** What the model answers when the sources do not cover the question. */
export const NOT_ENOUGH = 'NOT_ENOUGH_INFORMATION';

const SYSTEM: Record<Locale, string> = {
  vi: [
    'Bạn trả lời câu hỏi về pháp luật Việt Nam cho người dân, trong một dịch vụ hỗ trợ phòng, chống bạo lực gia đình.',
    'CHỈ dùng các điều luật được đánh số trong tin nhắn; không dùng hiểu biết nào khác.',
    'Viết tối đa 4 câu, bằng tiếng Việt đơn giản, giọng ân cần.',
    'Sau mỗi ý, ghi số của điều luật làm căn cứ trong ngoặc vuông, ví dụ [1] hoặc [1][2].',
    `Nếu các điều luật không trả lời được câu hỏi, chỉ viết đúng: ${NOT_ENOUGH}`,
  ].join('\n'),
  en: [
    'You answer questions about Vietnamese law for residents, in a domestic violence prevention service.',
    'Use ONLY the numbered articles in the message; no other knowledge.',
    'Write at most 4 sentences in plain English, in a caring tone.',
    'After each point, put the number of the article it rests on in square brackets, e.g. [1] or [1][2].',
    `If the articles do not answer the question, write only: ${NOT_ENOUGH}`,
  ].join('\n'),
};

const HUMAN: Record<Locale, string> = {
  vi: 'Các điều luật:\n{sources}\n\nCâu hỏi: {question}',
  en: 'The articles (in Vietnamese):\n{sources}\n\nQuestion: {question}',
};

const MARKER = /\[(\d{1,2})\]/g;

/**
 * The optional generative answer: a LangChain chain (prompt → chat model → text) that writes a
 * short answer only from the retrieved articles, then a check that it cites them. An answer that
 * cites nothing, or cites a number it was not given, or says the sources are not enough, is thrown
 * away (undefined) and the caller shows the plain topic card instead. So are errors and time-outs.
 */
export class LegalAnswerWriter {
  private readonly chains: Record<Locale, Runnable<{ sources: string; question: string }, string>>;

  constructor(
    model: BaseLanguageModelInterface,
    private readonly options: { readonly timeoutMs?: number; readonly logger?: Pick<Logger, 'warn'> } = {},
  ) {
    const chain = (locale: Locale) =>
      ChatPromptTemplate.fromMessages([
        ['system', SYSTEM[locale]],
        ['human', HUMAN[locale]],
      ])
        .pipe(model)
        .pipe(new StringOutputParser());
    this.chains = { vi: chain('vi'), en: chain('en') };
  }

  async write(question: string, sources: readonly AnswerSource[], locale: Locale): Promise<WrittenAnswer | undefined> {
    if (sources.length === 0) return undefined;
    const numbered = sources.map((source, i) => `[${i + 1}] ${source.citation}. ${source.ref.article.title}\n${source.text}`).join('\n\n');
    let output: string;
    try {
      output = await this.chains[locale].invoke({ sources: numbered, question }, { timeout: this.options.timeoutMs ?? 8000 });
    } catch (error) {
      this.options.logger?.warn({ err: { type: error instanceof Error ? error.name : typeof error } }, 'legal answer model failed; plain card used');
      return undefined;
    }
    return checkCitations(output, sources);
  }
}

/**
 * Keeps a generated answer only when it cites at least one of the sources and nothing else.
 * Exported for tests.
 */
export function checkCitations(output: string, sources: readonly AnswerSource[]): WrittenAnswer | undefined {
  const text = output.trim();
  if (!text || text.includes(NOT_ENOUGH)) return undefined;
  const numbers = [...text.matchAll(MARKER)].map((match) => Number(match[1]));
  if (numbers.length === 0 || numbers.some((n) => n < 1 || n > sources.length)) return undefined;
  const cited = sources.filter((_, i) => numbers.includes(i + 1));
  const clean = text
    .replace(MARKER, '')
    .replace(/[ \t]+([.,;:!?])/g, '$1')
    .replace(/[ \t]{2,}/g, ' ')
    .trim();
  return { text: clean, cited };
}

/** Settings of an OpenAI-compatible chat server. */
export interface ChatServerSettings {
  readonly baseUrl: string;
  readonly model: string;
  readonly apiKey?: string;
}

/** A chat model on an OpenAI-compatible server (`LLM_BASE_URL`), deterministic and without retries. */
export function createChatModel(settings: ChatServerSettings): ChatOpenAI {
  return new ChatOpenAI({
    model: settings.model,
    temperature: 0,
    maxRetries: 0,
    // Local servers (llama.cpp, vLLM, Ollama) ignore the key, but the client insists on one.
    apiKey: settings.apiKey ?? 'not-needed',
    configuration: { baseURL: settings.baseUrl },
  });
}

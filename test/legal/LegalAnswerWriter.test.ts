import { FakeListChatModel } from '@langchain/core/utils/testing';
import nock from 'nock';
import { checkCitations, createChatModel, LegalAnswerWriter, NOT_ENOUGH, type AnswerSource } from '../../src/legal/LegalAnswerWriter.js';
import { LegalService } from '../../src/legal/LegalService.js';

const plain = LegalService.fromContent();
const QUESTION = 'Bao nhiêu tuổi thì được kết hôn?';

function serviceAnswering(...responses: string[]): LegalService {
  return LegalService.fromContent(undefined, { writer: new LegalAnswerWriter(new FakeListChatModel({ responses })) });
}

describe('generated legal answers', () => {
  it('uses an answer that cites the retrieved articles, with those articles as its citations', async () => {
    const answer = await serviceAnswering('Nam phải từ đủ 20 tuổi, nữ từ đủ 18 tuổi mới được kết hôn [1].').answer(QUESTION, 'vi');
    expect(answer).toMatchObject({ kind: 'card', cardId: 'marriage-age', generated: true, body: 'Nam phải từ đủ 20 tuổi, nữ từ đủ 18 tuổi mới được kết hôn.' });
    expect(answer?.citations.map(({ ref, clauses }) => [ref.law.lawId, ref.article.number, clauses])).toEqual([['52/2014/QH13', 8, [1]]]);
  });

  it.each([
    ['cites nothing', 'Nam 20 tuổi, nữ 18 tuổi là được kết hôn.'],
    ['cites a source it was not given', 'Nam 20 tuổi, nữ 18 tuổi [1][9].'],
    ['says the sources are not enough', NOT_ENOUGH],
    ['is empty', '   '],
  ])('discards an answer that %s and shows the plain card', async (_case, response) => {
    const answer = await serviceAnswering(response).answer(QUESTION, 'vi');
    expect(answer).toEqual(plain.cardAnswer('marriage-age', 'vi'));
    expect(answer?.generated).toBe(false);
  });

  it('never calls the model when nothing was retrieved', async () => {
    const model = new FakeListChatModel({ responses: ['Trời nắng [1].'] });
    const spy = jest.spyOn(model, 'invoke');
    const service = LegalService.fromContent(undefined, { writer: new LegalAnswerWriter(model) });
    expect(await service.answer('thoi tiet ha noi hom nay', 'vi')).toBeUndefined();
    expect(spy).not.toHaveBeenCalled();
  });

  it('falls back to the plain card when the model is too slow', async () => {
    const writer = new LegalAnswerWriter(new FakeListChatModel({ responses: ['Trễ [1].'], sleep: 1000 }), { timeoutMs: 100 });
    const service = LegalService.fromContent(undefined, { writer });
    // The clock covers the answer only: loading the content takes most of a second on a busy machine.
    const started = Date.now();
    const answer = await service.answer(QUESTION, 'vi');
    expect(answer?.generated).toBe(false);
    expect(Date.now() - started).toBeLessThan(900);
  });

  it('checkCitations keeps only the cited sources and strips the markers', () => {
    const sources = [{ citation: 'A' }, { citation: 'B' }, { citation: 'C' }] as unknown as AnswerSource[];
    expect(checkCitations('Một [1]. Hai [3][1].', sources)).toEqual({ text: 'Một. Hai.', cited: [sources[0], sources[2]] });
    expect(checkCitations('Không dẫn gì.', sources)).toBeUndefined();
    expect(checkCitations('Số không [0].', sources)).toBeUndefined();
  });

  describe('over an OpenAI-compatible server (LLM_BASE_URL)', () => {
    const BASE = 'http://llm.test/v1';
    afterEach(() => nock.cleanAll());

    function completion(content: string) {
      return { id: 'c1', object: 'chat.completion', created: 1, model: 'local', choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }], usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 } };
    }

    it('sends the numbered articles and the question, and uses a cited answer', async () => {
      let body: { model: string; temperature: number; messages: { role: string; content: string }[] } | undefined;
      const scope = nock('http://llm.test')
        .post('/v1/chat/completions', (sent: typeof body) => ((body = sent), true))
        .reply(200, completion('Con dưới 36 tháng tuổi thường được giao cho mẹ nuôi [1].'));
      const service = LegalService.fromContent(undefined, { writer: new LegalAnswerWriter(createChatModel({ baseUrl: BASE, model: 'local' })) });
      const answer = await service.answer('Ly hôn thì con ở với ai?', 'vi');
      expect(scope.isDone()).toBe(true);
      expect(body?.model).toBe('local');
      expect(body?.temperature).toBe(0);
      expect(body?.messages[0]?.role).toBe('system');
      expect(body?.messages[1]?.content).toContain('[1] Khoản 1, 2, 3 Điều 81, Luật Hôn nhân và gia đình 2014');
      expect(body?.messages[1]?.content).toContain('Câu hỏi: Ly hôn thì con ở với ai?');
      expect(answer).toMatchObject({ generated: true, cardId: 'custody-after-divorce', body: 'Con dưới 36 tháng tuổi thường được giao cho mẹ nuôi.' });
    });

    it('falls back to the plain card when the server fails', async () => {
      nock('http://llm.test').post('/v1/chat/completions').reply(500, { error: { message: 'overloaded' } });
      const warnings: unknown[] = [];
      const writer = new LegalAnswerWriter(createChatModel({ baseUrl: BASE, model: 'local' }), { logger: { warn: (...args: unknown[]) => warnings.push(args) } });
      const answer = await LegalService.fromContent(undefined, { writer }).answer('Ly hôn thì con ở với ai?', 'vi');
      expect(answer).toEqual(plain.cardAnswer('custody-after-divorce', 'vi'));
      expect(warnings).toHaveLength(1);
    });

  });
});

import { callCard } from '../../../dialogs/directory/entryMessages.js';
import { createTexts } from '../../../src/i18n.js';
import { ActionTypes } from 'botbuilder';
import { classifyZaloEvent } from '../../../src/channels/zalo/classifyZaloEvent.js';
import { convertActivityToZaloMessages } from '../../../src/channels/zalo/convertActivityToZaloMessages.js';
import { verifyZaloSignature } from '../../../src/channels/zalo/verifyZaloSignature.js';
import { zaloEventSchema } from '../../../src/channels/zalo/zaloSchemas.js';
import { loadFixtures } from '../../support/fixtures.js';

describe('verifyZaloSignature', () => {
  // printf '%s' 'abc{"x":1}1700000000000secret' | sha256sum
  const vector = 'b01f3a9d6b0171dc74d35569f5f9d3e9c331e29c271c554956552824fca56edb';
  it('matches a hash computed independently with sha256sum', () => {
    expect(verifyZaloSignature(Buffer.from('{"x":1}'), `mac=${vector}`, 'abc', '1700000000000', 'secret')).toBe(true);
  });
  it.each([
    ['another body', '{"x":2}', `mac=${vector}`],
    ['no mac= prefix', '{"x":1}', vector],
    ['a short hex', '{"x":1}', 'mac=abcd'],
  ])('refuses %s', (_name, body, header) => {
    expect(verifyZaloSignature(Buffer.from(body), header, 'abc', '1700000000000', 'secret')).toBe(false);
  });
});

describe('Zalo fixtures and classification', () => {
  const fixtures = loadFixtures('zalo');
  it.each(Object.keys(fixtures))('%s parses with the event schema', (name) => {
    expect(zaloEventSchema.safeParse(fixtures[name]).success).toBe(true);
  });
  it('sorts each event', () => {
    const sort = (name: string) => classifyZaloEvent(zaloEventSchema.parse(fixtures[name]));
    expect(sort('user-send-text')).toEqual({ action: 'store', dedupeKey: 'msg:0c9ba0bde1f14ea917e6', platformUserId: '2468458835296117922' });
    expect(sort('follow')).toMatchObject({ action: 'store', platformUserId: '2468458835296117922' });
    expect(sort('oa-send-text-admin')).toEqual({ action: 'pause', platformUserId: '2468458835296117922' });
    expect(sort('oa-send-text-echo')).toEqual({ action: 'ignore', reason: 'echo' });
    expect(sort('user-submit-info')).toEqual({ action: 'ignore', reason: 'submitted_info' });
  });
});

describe('convertActivityToZaloMessages', () => {
  const choices = (n: number) => Array.from({ length: n }, (_, i) => ({ type: ActionTypes.ImBack, title: `Mục số ${i + 1}`, value: `menu.item${i + 1}` }));
  it('puts up to 5 choices as oa.query.hide buttons on the last message', () => {
    const [message] = convertActivityToZaloMessages({ text: 'Chọn', suggestedActions: { to: [], actions: choices(5) } });
    expect(message!.message.attachment!.payload.buttons).toHaveLength(5);
    expect(message!.message.attachment!.payload.buttons[4]).toEqual({ title: 'Mục số 5', type: 'oa.query.hide', payload: 'menu.item5' });
  });
  it('with 6 or more choices, lists them all by number and keeps the first 5 as buttons', () => {
    const messages = convertActivityToZaloMessages({ text: 'Chọn', suggestedActions: { to: [], actions: choices(6) } });
    expect(messages).toHaveLength(1);
    expect(messages[0]!.message.text).toContain('6. Mục số 6');
    expect(messages[0]!.message.attachment!.payload.buttons.map((b) => b.payload)).toEqual(['menu.item1', 'menu.item2', 'menu.item3', 'menu.item4', 'menu.item5']);
  });
  it('splits text over 2,000 characters and shortens long titles to 100', () => {
    const long = 'Câu này khá dài. '.repeat(200);
    const messages = convertActivityToZaloMessages({ text: long, suggestedActions: { to: [], actions: [{ type: ActionTypes.ImBack, title: 'x '.repeat(80), value: 'v' }] } });
    expect(messages.length).toBeGreaterThan(1);
    expect(messages.every((m) => [...m.message.text].length <= 2000)).toBe(true);
    expect([...messages.at(-1)!.message.attachment!.payload.buttons[0]!.title].length).toBeLessThanOrEqual(100);
    expect(messages[0]!.message.attachment).toBeUndefined();
  });
});

describe('tap-to-call on Zalo', () => {
  it('turns the directory\'s call actions into oa.open.phone buttons with the number as dialled', async () => {
    const entry = { phone: '113', name: { vi: 'Công an', en: 'Police' } } as Parameters<typeof callCard>[2][number];
    const local = { ...entry, phone: '024 3942 1234' };
    const [message] = convertActivityToZaloMessages({ type: 'message', text: 'Gọi ngay:', attachments: [callCard(await createTexts(), 'vi', [entry, local])] });
    expect(message).toEqual({
      message: {
        text: 'Gọi ngay:',
        attachment: {
          type: 'template',
          payload: {
            buttons: [
              { title: 'Gọi 113', type: 'oa.open.phone', payload: { phone_code: '113' } },
              { title: 'Gọi 024 3942 1234', type: 'oa.open.phone', payload: { phone_code: '02439421234' } },
            ],
          },
        },
      },
    });
  });
});

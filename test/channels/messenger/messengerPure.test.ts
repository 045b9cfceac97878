import { callCard } from '../../../dialogs/directory/entryMessages.js';
import { createTexts } from '../../../src/i18n.js';
import { classifyMessengerEvent } from '../../../src/channels/messenger/classifyMessengerEvent.js';
import { convertActivityToMessengerMessages } from '../../../src/channels/messenger/convertActivityToMessengerMessages.js';
import { convertMessengerEventToActivity } from '../../../src/channels/messenger/convertMessengerEventToActivity.js';
import { messengerEventSchema, messengerWebhookSchema } from '../../../src/channels/messenger/messengerSchemas.js';
import { verifyMessengerSignature } from '../../../src/channels/messenger/verifyMessengerSignature.js';
import { shortenTitle, splitText } from '../../../src/channels/splitText.js';
import { loadFixtures } from '../../support/fixtures.js';

const fixtures = loadFixtures('messenger');

function events(name: string): unknown[] {
  const body = messengerWebhookSchema.parse(fixtures[name]);
  return body.entry.flatMap((entry) => entry.messaging ?? []);
}

describe('Messenger fixtures', () => {
  it.each(Object.keys(fixtures))('%s is a valid webhook body whose events the schema reads', (name) => {
    const body = messengerWebhookSchema.parse(fixtures[name]);
    for (const entry of body.entry) for (const item of [...(entry.messaging ?? []), ...(entry.standby ?? [])]) expect(messengerEventSchema.safeParse(item).success).toBe(true);
  });
});

describe('verifyMessengerSignature', () => {
  // Vector computed with: printf '%s' '{"object":"page","entry":[]}' | openssl dgst -sha256 -hmac vector-secret
  const body = Buffer.from('{"object":"page","entry":[]}');
  const good = 'sha256=2622bf8fb87fdadc2a8e98b9503df489a034c817f0ef757a26e6c5455883c767';

  it('accepts the known vector, in either hex case', () => {
    expect(verifyMessengerSignature(body, good, 'vector-secret')).toBe(true);
    expect(verifyMessengerSignature(body, good.toUpperCase().replace('SHA256', 'sha256'), 'vector-secret')).toBe(true);
  });
  it.each([
    ['missing', undefined],
    ['sha1 only', 'sha1=2622bf8fb87fdadc2a8e98b9503df489a034c8'],
    ['wrong digest', good.replace('2622', '2623')],
    ['truncated', good.slice(0, 40)],
  ])('rejects a %s signature', (_name, header) => {
    expect(verifyMessengerSignature(body, header, 'vector-secret')).toBe(false);
  });
  it('rejects the right signature over different bytes (a re-serialised body)', () => {
    expect(verifyMessengerSignature(Buffer.from('{"object": "page", "entry": []}'), good, 'vector-secret')).toBe(false);
  });
});

describe('classifyMessengerEvent', () => {
  it('stores messages, quick replies, postbacks and referrals with stable dedupe keys', () => {
    expect(classifyMessengerEvent(events('text-message')[0])).toMatchObject({ action: 'store', dedupeKey: 'mid:m_AbCdEfGhIjKlMnOp_text1' });
    expect(classifyMessengerEvent(events('postback-get-started')[0])).toMatchObject({ action: 'store', dedupeKey: 'mid:m_postback_get_started_1' });
    expect(classifyMessengerEvent(events('referral')[0])).toMatchObject({ action: 'store', dedupeKey: 'referral:1764066200000' });
  });
  it('ignores echoes, deliveries and reads; reports reactions as unsupported', () => {
    expect(events('echo-delivery-read').map((e) => classifyMessengerEvent(e))).toEqual([
      { action: 'ignore', reason: 'echo' },
      { action: 'ignore', reason: 'delivery' },
      { action: 'ignore', reason: 'read' },
      { action: 'unsupported', type: 'reaction' },
    ]);
    expect(classifyMessengerEvent({ nonsense: true })).toEqual({ action: 'unsupported', type: 'malformed' });
  });
});

describe('convertMessengerEventToActivity', () => {
  const activity = (name: string) => convertMessengerEventToActivity(messengerEventSchema.parse(events(name)[0]));

  it('turns a quick-reply tap into its payload as text', () => {
    expect(activity('quick-reply')).toMatchObject({ type: 'message', channelId: 'messenger', text: 'menu.language', from: { id: '6543210987654321' }, conversation: { id: '6543210987654321' } });
  });
  it('keeps a Get Started referral in value', () => {
    expect(activity('postback-get-started')).toMatchObject({ text: 'menu.start', value: { referral: { ref: 'club-HN01' } } });
    expect(activity('referral')).toMatchObject({ text: 'menu.start', value: { referral: { ref: 'club-HN01' } } });
  });
  it('maps media and locations to attachments without text', () => {
    expect(activity('image-attachment')).toMatchObject({ text: undefined, attachments: [{ contentType: 'messenger/image', contentUrl: expect.stringContaining('photo.jpg') }] });
    expect(activity('like-sticker')).toMatchObject({ text: undefined, attachments: [{ contentType: 'application/vnd.sticker' }] });
    expect(activity('location-attachment').attachments).toEqual([{ contentType: 'application/vnd.location', content: { lat: 21.0285, long: 105.8542 } }]);
  });
});

describe('outgoing text', () => {
  it('splits long text at sentence boundaries into chunks of at most 2,000 characters', () => {
    const sentence = 'Bạn có quyền được bảo vệ và được giúp đỡ. ';
    const chunks = splitText(sentence.repeat(120).trim(), 2000);
    expect(chunks.length).toBe(3);
    for (const chunk of chunks) {
      expect([...chunk].length).toBeLessThanOrEqual(2000);
      expect(chunk.endsWith('.')).toBe(true);
    }
    expect(chunks.join(' ')).toBe(sentence.repeat(120).trim());
  });
  it('falls back to words, then code points, and never splits a character', () => {
    const chunks = splitText('ồ'.repeat(4500), 2000);
    expect(chunks.map((c) => [...c].length)).toEqual([2000, 2000, 500]);
  });
  it('shortens button titles without cutting a word where possible', () => {
    expect(shortenTitle('Thông tin pháp luật về hôn nhân', 20)).toBe('Thông tin pháp luật…');
    expect(shortenTitle('Hướng dẫn', 20)).toBe('Hướng dẫn');
    expect([...shortenTitle('Khôngcókhoảngtrắngnàocả', 20)].length).toBe(20);
  });
  it('puts at most 13 quick replies on the last message and lists every choice by number beyond that', () => {
    const actions = Array.from({ length: 15 }, (_, i) => ({ type: 'postBack', title: `Lựa chọn ${i + 1}`, value: `choice.${i + 1}` }));
    const messages = convertActivityToMessengerMessages({ type: 'message', text: 'Chọn một mục:', suggestedActions: { actions, to: [] } });
    expect(messages).toHaveLength(1);
    expect(messages[0]!.message.quick_replies).toHaveLength(13);
    expect(messages[0]!.message.quick_replies![0]).toEqual({ content_type: 'text', title: 'Lựa chọn 1', payload: 'choice.1' });
    expect(messages[0]!.message).toMatchObject({ text: expect.stringContaining('15. Lựa chọn 15') });
  });
});

describe('tap-to-call on Messenger', () => {
  it('sends a button template with phone_number buttons in E.164; short codes stay in the text', async () => {
    const entry = (phone: string) => ({ phone, name: { vi: 'x', en: 'x' } }) as Parameters<typeof callCard>[2][number];
    const texts = await createTexts();
    const [local] = convertActivityToMessengerMessages({ type: 'message', text: 'Trạm y tế\nĐiện thoại: 024 3942 1234', attachments: [callCard(texts, 'vi', [entry('024 3942 1234')])] });
    expect(local).toEqual({
      message: {
        attachment: {
          type: 'template',
          payload: { template_type: 'button', text: 'Trạm y tế\nĐiện thoại: 024 3942 1234', buttons: [{ type: 'phone_number', title: 'Gọi 024 3942 1234', payload: '+842439421234' }] },
        },
      },
    });
    const national = convertActivityToMessengerMessages({ type: 'message', text: '• 113: Công an', attachments: [callCard(texts, 'vi', [entry('113')])] });
    expect(national).toEqual([{ message: { text: '• 113: Công an' } }]);
  });
});

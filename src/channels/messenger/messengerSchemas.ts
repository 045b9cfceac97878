import { z } from 'zod';

// Shapes of the Messenger Platform webhook, as documented at
// https://developers.facebook.com/docs/messenger-platform/webhooks and
// https://developers.facebook.com/docs/messenger-platform/reference/webhook-events/
// Objects are loose: Meta adds fields over time, and an unknown field must never make us drop an event.

const idRef = z.looseObject({ id: z.string().min(1) });

/** `referral` on its own or inside a postback: m.me links with `?ref=`, ads, chat plugin. */
export const messengerReferralSchema = z.looseObject({
  ref: z.string().optional(),
  source: z.string().optional(),
  type: z.string().optional(),
});

/** An attachment the person sent: media by URL, or a shared location. */
export const messengerAttachmentSchema = z.looseObject({
  type: z.string(),
  payload: z
    .looseObject({
      url: z.string().optional(),
      title: z.string().optional(),
      sticker_id: z.number().optional(),
      coordinates: z.looseObject({ lat: z.number(), long: z.number() }).optional(),
    })
    .nullable()
    .optional(),
});

/** `message`: text, quick-reply taps, attachments, and echoes of what the page sent. */
export const messengerMessageSchema = z.looseObject({
  mid: z.string().min(1),
  text: z.string().optional(),
  is_echo: z.boolean().optional(),
  app_id: z.union([z.number(), z.string()]).optional(),
  quick_reply: z.looseObject({ payload: z.string() }).optional(),
  attachments: z.array(messengerAttachmentSchema).optional(),
  reply_to: z.looseObject({ mid: z.string().optional() }).optional(),
});

/** `postback`: Get Started, persistent menu and button taps. */
export const messengerPostbackSchema = z.looseObject({
  mid: z.string().optional(),
  title: z.string().optional(),
  payload: z.string(),
  referral: messengerReferralSchema.optional(),
});

/** One item of `entry[].messaging[]` (or `entry[].standby[]`). */
export const messengerEventSchema = z.looseObject({
  sender: idRef,
  recipient: idRef,
  timestamp: z.number(),
  message: messengerMessageSchema.optional(),
  postback: messengerPostbackSchema.optional(),
  referral: messengerReferralSchema.optional(),
  delivery: z.looseObject({}).optional(),
  read: z.looseObject({}).optional(),
});

/** The whole webhook POST body. Meta batches: several entries, several events each. */
export const messengerWebhookSchema = z.looseObject({
  object: z.string(),
  entry: z.array(
    z.looseObject({
      id: z.string(),
      time: z.number(),
      messaging: z.array(z.unknown()).optional(),
      standby: z.array(z.unknown()).optional(),
    }),
  ),
});

export type MessengerEvent = z.infer<typeof messengerEventSchema>;
export type MessengerWebhook = z.infer<typeof messengerWebhookSchema>;

/** A quick reply as the Send API takes it. */
export interface MessengerQuickReply {
  content_type: 'text';
  title: string;
  payload: string;
}

/** A utility message template with its parameters (sent with `messaging_type: 'UTILITY'`). */
export interface MessengerUtilityTemplate {
  name: string;
  language: { code: string };
  components: { type: 'body'; parameters: { type: 'text'; text: string }[] }[];
}

/**
 * A button template with call buttons (https://developers.facebook.com/docs/messenger-platform/reference/buttons/call):
 * text up to 640 characters, 1–3 buttons whose payload is an E.164 number.
 */
export interface MessengerCallTemplate {
  type: 'template';
  payload: { template_type: 'button'; text: string; buttons: { type: 'phone_number'; title: string; payload: string }[] };
}

/** The message part of a Send API request (recipient and messaging type are added at send time). */
export interface MessengerOutgoingMessage {
  message: ({ text: string } | { attachment: MessengerCallTemplate }) & { quick_replies?: MessengerQuickReply[] };
  /** A reminder's fallback outside the 24 hour window; never sent inside it. */
  utilityTemplate?: MessengerUtilityTemplate;
}

/** The Send API's error body. https://developers.facebook.com/docs/graph-api/guides/error-handling */
export const graphErrorSchema = z.looseObject({
  error: z.looseObject({
    message: z.string().optional(),
    type: z.string().optional(),
    code: z.number().optional(),
    error_subcode: z.number().optional(),
    fbtrace_id: z.string().optional(),
  }),
});

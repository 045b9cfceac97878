import { z } from 'zod';

// Shapes of the Zalo Official Account webhook and OpenAPI v3.0, as documented at
// https://developers.zalo.me/docs/official-account/webhook and .../api/gui-tin-nhan-api.
// Objects are loose: Zalo adds fields over time, and an unknown field must never make us drop an event.

/** A party of an event. On `oa_send_*` echoes `sender.admin_id` names the OA admin who typed it. */
const partySchema = z.looseObject({ id: z.string().min(1), admin_id: z.string().optional() });

/** Epoch milliseconds; Zalo sends them as a string. */
const epochMs = z.union([z.string().regex(/^\d+$/), z.number().int().nonnegative()]);

/** An attachment the person sent: media by URL, a sticker, a link, or a shared location. */
export const zaloAttachmentSchema = z.looseObject({
  type: z.string(),
  payload: z
    .looseObject({
      url: z.string().optional(),
      thumbnail: z.string().optional(),
      name: z.string().optional(),
      coordinates: z.looseObject({ latitude: z.union([z.string(), z.number()]), longitude: z.union([z.string(), z.number()]) }).optional(),
    })
    .nullable()
    .optional(),
});

/** `message` of user_send_* and oa_send_* events. */
export const zaloMessageSchema = z.looseObject({
  msg_id: z.string().min(1),
  text: z.string().optional(),
  attachments: z.array(zaloAttachmentSchema).optional(),
});

/**
 * One webhook POST body: Zalo sends one event per request. `follow` / `unfollow` name the person
 * in `follower`, the others in `sender` (or, on the OA's own messages, in `recipient`).
 */
export const zaloEventSchema = z.looseObject({
  app_id: z.string().min(1),
  event_name: z.string().min(1),
  timestamp: epochMs,
  user_id_by_app: z.string().optional(),
  oa_id: z.string().optional(),
  sender: partySchema.optional(),
  recipient: partySchema.optional(),
  follower: partySchema.optional(),
  source: z.string().optional(),
  message: zaloMessageSchema.optional(),
});

export type ZaloEvent = z.infer<typeof zaloEventSchema>;

/**
 * A button of a consultation message: `oa.query.hide` sends `payload` back as the person's
 * (hidden) text; `oa.open.phone` opens the phone's dialler with `phone_code`.
 */
export type ZaloButton = { title: string; type: 'oa.query.hide'; payload: string } | { title: string; type: 'oa.open.phone'; payload: { phone_code: string } };

/**
 * A ZNS (Zalo Notification Service) template filled in, sent to a phone number outside the
 * consultation window: POST business.openapi.zalo.me/message/template with `phone`, `template_id`,
 * `template_data` and `tracking_id` (https://developers.zalo.me/docs/zalo-notification-service).
 */
export interface ZaloZnsTemplate {
  template_id: string;
  /** Parameter name → value, as the approved template declares them. */
  template_data: Record<string, string>;
}

/** The message part of a `/v3.0/oa/message/cs` request (the recipient is added at send time). */
export interface ZaloOutgoingMessage {
  message: { text: string; attachment?: { type: 'template'; payload: { buttons: ZaloButton[] } } };
  /** For reminders and notices: the ZNS template to use when the consultation window is closed. */
  zns?: ZaloZnsTemplate;
}

/** Every OpenAPI answer: HTTP 200 with `error` 0 on success, a negative code otherwise. */
export const zaloApiResponseSchema = z.looseObject({
  error: z.number(),
  message: z.string().optional(),
  // Consultation messages answer `message_id`, ZNS `msg_id`.
  data: z.looseObject({ message_id: z.string().optional(), msg_id: z.string().optional() }).optional(),
});

/** The OAuth v4 token answer; `expires_in` is seconds, as a string. A failure carries `error`. */
export const zaloTokenResponseSchema = z.looseObject({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1),
  expires_in: z.coerce.number().int().positive(),
});

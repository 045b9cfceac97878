import { z } from 'zod';

const account = z.looseObject({ id: z.string().min(1) });

/**
 * The least a Bot Framework activity must carry before CloudAdapter sees it: botbuilder assumes
 * these fields and fails with a 500 on anything else. Unknown fields pass through untouched.
 * https://github.com/microsoft/botframework-sdk/blob/main/specs/botframework-activity/botframework-activity.md
 */
export const botFrameworkActivitySchema = z.looseObject({
  type: z.string().min(1),
  id: z.string().optional(),
  channelId: z.string().min(1),
  serviceUrl: z.string().min(1),
  conversation: account,
  from: account,
  recipient: account.optional(),
  text: z.string().optional(),
  locale: z.string().optional(),
  attachments: z.array(z.looseObject({ contentType: z.string() })).optional(),
  value: z.unknown().optional(),
});

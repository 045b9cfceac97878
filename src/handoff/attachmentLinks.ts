import type { Attachment } from 'botbuilder';
import { STICKER_CONTENT_TYPE } from '../bot/wellKnownPayloads.js';
import type { AttachmentLink } from './HandoffService.js';

/**
 * The person's attachments as links a counselor can open: files by their platform URL, a shared
 * location as a map link. Only http(s) URLs pass, so nothing else can be rendered as a link.
 */
export function attachmentLinks(attachments: readonly Attachment[] | undefined): AttachmentLink[] {
  const links: AttachmentLink[] = [];
  for (const attachment of attachments ?? []) {
    const kind = attachment.contentType === STICKER_CONTENT_TYPE ? 'sticker' : (attachment.contentType.split('/').pop() ?? 'file');
    const coordinates = attachment.content as { lat?: unknown; long?: unknown } | undefined;
    if (typeof coordinates?.lat === 'number' && typeof coordinates.long === 'number') {
      links.push({ kind: 'location', url: `https://www.openstreetmap.org/?mlat=${coordinates.lat}&mlon=${coordinates.long}` });
    } else if (attachment.contentUrl && /^https?:\/\//i.test(attachment.contentUrl)) {
      links.push({ kind, url: attachment.contentUrl, ...(attachment.name ? { name: attachment.name } : {}) });
    }
  }
  return links;
}

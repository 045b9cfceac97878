import type { Attachment } from 'botbuilder';
import type { AttachmentLink } from './HandoffService.js';

/**
 * The person's attachments as links a counselor can open: files by their platform URL, a shared
 * location as a map link. Only http(s) URLs pass, so nothing else can be rendered as a link.
 */
export function attachmentLinks(attachments: readonly Attachment[] | undefined): AttachmentLink[] {
  const links: AttachmentLink[] = [];
  for (const attachment of attachments ?? []) {
    // The content type's last part, without a vendor prefix: 'messenger/image' → 'image',
    // 'application/vnd.sticker' → 'sticker'.
    const kind = (attachment.contentType.split('/').pop() ?? 'file').replace(/^vnd\./, '');
    const coordinates = attachment.content as { lat?: unknown; long?: unknown } | undefined;
    if (typeof coordinates?.lat === 'number' && typeof coordinates.long === 'number') {
      links.push({ kind: 'location', url: `https://www.openstreetmap.org/?mlat=${coordinates.lat}&mlon=${coordinates.long}` });
    } else if (attachment.contentUrl && /^https?:\/\//i.test(attachment.contentUrl)) {
      links.push({ kind, url: attachment.contentUrl, ...(attachment.name ? { name: attachment.name } : {}) });
    }
  }
  return links;
}

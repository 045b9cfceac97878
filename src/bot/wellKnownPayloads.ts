/**
 * Payloads that mean "start": Messenger's Get Started button and persistent menu are configured
 * with `menu.start`, a Zalo follow event and an m.me referral are turned into it. Facebook's own
 * default `GET_STARTED` is accepted too.
 */
export const START_PAYLOAD = 'menu.start';
export const START_PAYLOADS: readonly string[] = [START_PAYLOAD, 'GET_STARTED'];

/**
 * The content type the channels give a sticker (Messenger's "like" thumbs-up included): a reaction,
 * not a file to look at, so the bot answers it as such.
 */
export const STICKER_CONTENT_TYPE = 'application/vnd.sticker';

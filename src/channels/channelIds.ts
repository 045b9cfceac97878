/**
 * The channel ids activities and stored rows carry, in a module of their own: the outbox thread
 * names its channels without loading the converters, which bring botbuilder with them.
 */

/** The channel id activities from Messenger carry. */
export const MESSENGER_CHANNEL = 'messenger';

/** The channel id activities from Zalo carry. */
export const ZALO_CHANNEL = 'zalo';

// The kinds of channel an alert can be delivered to. Its own module, without the payload code's
// node:crypto: the browser's forms and schemas need the list, and a bundled crypto polyfill would
// bring code the Content-Security-Policy refuses (it evaluates strings).
export const CHANNEL_KINDS = ["webhook", "slack", "alertmanager"] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

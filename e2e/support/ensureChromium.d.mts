/** The Chromium binary to use, installed first if that is possible here; throws when there is none. */
export function ensureChromium(): string;

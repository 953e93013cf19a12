/** Where a Chromium binary is, if any. */
export function chromiumPath(): string | undefined;
export const chromiumArgs: string[];

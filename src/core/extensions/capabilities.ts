import type { ExtensionCapabilities } from './manifest';

export type FetchCheck = { ok: true; origin: string; url: string } | { ok: false; message: string };
export type CapabilityCheck = { ok: true } | { ok: false; message: string };

/**
 * Whether the extension `extensionName` may fetch `url`: an http(s) URL on one of the origins its
 * manifest declares. The conductor calls this before every ctx.fetch; a refusal is the sentence
 * the agent's step fails with, naming the capability that was not granted. On success, `url` is
 * the normalised URL to request and `origin` the declared origin it matched.
 */
export function checkFetch(extensionName: string, caps: ExtensionCapabilities, url: string): FetchCheck {
  const who = `“${extensionName}”`;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return {
      ok: false,
      message: `${who} asked to fetch “${clip(url)}”, which is not a URL. Give ctx.fetch a full URL, such as http://127.0.0.1:4610/path.`,
    };
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    return {
      ok: false,
      message: `${who} may fetch only http and https URLs, not “${clip(url)}” (${parsed.protocol.slice(0, -1)}). Change the URL.`,
    };
  }
  if (parsed.username !== '' || parsed.password !== '') {
    return {
      ok: false,
      message: `${who} asked to fetch a URL with a user name or password in it, which is not allowed. Send credentials in a header instead.`,
    };
  }
  const granted = (caps.network ?? []).map(originOf);
  if (!granted.includes(parsed.origin)) {
    const reach = granted.length === 0 ? 'it may reach no origin' : `it may reach only ${orList(granted)}`;
    return {
      ok: false,
      message: `${who} was not granted network access to ${parsed.origin} (${reach}). Add the origin to capabilities.network in its manifest, or change the URL.`,
    };
  }
  return { ok: true, origin: parsed.origin, url: parsed.href };
}

/** Whether the extension may call the project's LLM models through ctx.llm. */
export function checkLlm(extensionName: string, caps: ExtensionCapabilities): CapabilityCheck {
  if (caps.llm === true) return { ok: true };
  return {
    ok: false,
    message: `“${extensionName}” was not granted the llm capability, so it cannot call LLM models. Add "llm": true to capabilities in its manifest.`,
  };
}

/** Whether the extension may use the API key named `keyName`. */
export function checkSecret(extensionName: string, caps: ExtensionCapabilities, keyName: string): CapabilityCheck {
  if ((caps.secrets ?? []).includes(keyName)) return { ok: true };
  return {
    ok: false,
    message: `“${extensionName}” was not granted the API key named “${clip(keyName)}”. Add it to capabilities.secrets in its manifest.`,
  };
}

/** One plain sentence per capability, for the prompt where a person approves an extension. */
export function describeCapabilities(caps: ExtensionCapabilities): string[] {
  const lines = [
    ...(caps.network ?? []).map((origin) => `Reach ${origin} over the network`),
    ...(caps.llm === true ? ["Call LLM models of this project (metered against the run's budget)"] : []),
    ...(caps.secrets ?? []).map((key) => `Read the API key named ${key}`),
  ];
  return lines.length > 0 ? lines : ['Nothing: it runs with no network, no LLM and no keys'];
}

/** Manifests hold normalised origins already; this keeps a hand-made grant ("…:4610/") working too. */
function originOf(origin: string): string {
  try {
    return new URL(origin).origin;
  } catch {
    return origin;
  }
}

/** "a", "a or b", "a, b or c". */
function orList(items: readonly string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} or ${items.at(-1) ?? ''}`;
}

/** A URL an agent made up may be huge; a message quotes the start of it. */
function clip(text: string): string {
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

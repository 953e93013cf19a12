/**
 * Every error code the studio can show, with a stable catalogue number (like xyflow's error001…),
 * what it means and what a person should do. A code is never renamed or renumbered: tests, docs
 * and bug reports quote them. A new code gets the next number.
 */
export interface CatalogueEntry {
  /** Stable number, e.g. `E013`: what a bug report or a search can quote. */
  id: string;
  /** What happened, in a person's words. */
  means: string;
  /** What to do about it. */
  todo: string;
}

export const errorCatalogue = {
  'invalid-command': {
    id: 'E001',
    means: 'The studio refused a request because something in it is not valid (a name, a value, a reference).',
    todo: 'Nothing was changed. Correct what the message names and try again.',
  },
  'invalid-event': {
    id: 'E002',
    means: 'An event the studio was about to write, or read back, does not have the shape its type requires.',
    todo: 'Nothing was written. If it keeps happening, copy the details and report it.',
  },
  'invalid-record': {
    id: 'E003',
    means: 'A definition, file or value does not have the shape the studio expects (a model, an export, a key).',
    todo: 'Correct what the message names; nothing was changed.',
  },
  'chain-broken': {
    id: 'E004',
    means: 'A project’s log, or an export of it, was changed after it was written: its hash chain does not hold.',
    todo: 'The project opens read-only. Open a copy you trust, or import an earlier export.',
  },
  'not-found': {
    id: 'E005',
    means: 'Something a request names (a flow, a step, a model, a run, a question) does not exist, or no longer does.',
    todo: 'Reload the list it came from; nothing was changed.',
  },
  'port-mismatch': {
    id: 'E006',
    means: 'Two ports that cannot carry the same kind of value were connected.',
    todo: 'Connect ports of the same type, or use a port of type any.',
  },
  cycle: {
    id: 'E007',
    means: 'The connection would make a step wait for itself.',
    todo: 'Connect the steps so every path goes forward.',
  },
  'compile-failed': {
    id: 'E008',
    means: 'A script model’s TypeScript does not compile.',
    todo: 'Fix the line and column the message names, then save again.',
  },
  'invalid-intents': {
    id: 'E009',
    means: 'The intents document has problems, so it was not saved.',
    todo: 'Fix each problem at the path and line it names, then save again.',
  },
  'read-only': {
    id: 'E010',
    means: 'This tab cannot change the project right now (another tab is running it, or it is still opening).',
    todo: 'Make the change in the tab that runs the project, or wait for this one to take over.',
  },
  'storage-full': {
    id: 'E011',
    means: 'The browser has no more room for the studio’s storage, so nothing was saved.',
    todo: 'Free some space (old projects or runs, other sites’ data) and try again. Everything saved before is intact.',
  },
  'storage-failed': {
    id: 'E012',
    means: 'The browser’s storage (IndexedDB) refused a read or a write.',
    todo: 'Try again; everything saved before is intact. If it keeps happening, reload the studio.',
  },
  internal: {
    id: 'E013',
    means:
      'A bug in the studio: something it did not expect went wrong. It is not a problem with your project or your storage.',
    todo: 'Copy the details and report them. Reloading the studio usually clears it.',
  },
  'newer-studio': {
    id: 'E014',
    means:
      'A project or a file was made by a newer version of the studio: it holds an event type, an event version or a file format this one does not know.',
    todo: 'Update the studio (reload it) and open it again. Nothing was changed.',
  },
  'extension-invalid': {
    id: 'E015',
    means:
      'An extension was refused: its file or manifest is malformed, asks for a capability that does not exist, its code does not match its hash, or its id or kinds clash with one already installed.',
    todo: 'Nothing was installed. Fix what the message names (or ask its author for a corrected file) and install it again.',
  },
  'kind-not-installed': {
    id: 'E016',
    means:
      'A step uses a model kind no enabled extension provides (it was disabled or removed), or whose extension is waiting for your approval.',
    todo: 'Install, enable or approve the extension under Project ▾ → Extensions, or replace the steps the message names.',
  },
  'capability-not-granted': {
    id: 'E017',
    means:
      'An extension asked for something its manifest does not declare (a network origin, LLM calls or a key), so the conductor refused it.',
    todo: 'Use only what the manifest declares, or install a version of the extension that declares it.',
  },
  'claim-lost': {
    id: 'E018',
    means:
      'A runner process lost its claim on a project’s log: another process took the project over (this one was thought gone), so this one may not write to it.',
    todo: 'Nothing to do: the process holding the claim goes on with the runs, and nothing written before was lost.',
  },
  'handoff-tampered': {
    id: 'E019',
    means: 'A handoff task file was changed after the conductor wrote it: its checksum no longer matches.',
    todo: 'The step failed and nothing it returned was used. Re-run the step so the task is written again from its source.',
  },
  'handoff-malformed': {
    id: 'E020',
    means:
      'An executor’s result, provenance or claim file for a handed-off task is not JSON, or does not match the contract in docs/handoff.md.',
    todo: 'The step failed and nothing it returned was used. Fix the executor so it writes the files the contract describes.',
  },
  'handoff-violation': {
    id: 'E021',
    means: 'An executor changed files outside the task’s allowed_files.',
    todo: 'The step failed and its outputs were not used. Undo the named changes, then widen allowed_files or narrow the instruction.',
  },
  'handoff-timeout': {
    id: 'E022',
    means: 'A handed-off task was not finished within its timeout_seconds.',
    todo: 'Check that an executor is watching the folder, or raise timeout_seconds in the handoff model.',
  },
  'handoff-unknown-task': {
    id: 'E023',
    means: 'A result in the handoff folder answers a task the conductor never wrote (or another version of it).',
    todo: 'It was ignored and nothing was changed. Remove the stray files or fix the executor that wrote them.',
  },
  'bus-invalid-topic': {
    id: 'E024',
    means: 'A message-bus topic is not a slug (lower-case letters and digits, words joined by - _ . or /).',
    todo: 'Name the topic like “work-items” or “review/done”; nothing was posted.',
  },
  'bus-message-too-large': {
    id: 'E025',
    means: 'A message for the bus is larger than the bus carries, or is not plain JSON.',
    todo: 'Post a short message (put large values in an artifact and post its name); nothing was posted.',
  },
  'bus-rate-limited': {
    id: 'E026',
    means: 'One agent posted to the message bus faster, or more often, than the bus allows.',
    todo: 'Post fewer, larger messages (a list in one message); nothing more was posted.',
  },
  'listen-filter-invalid': {
    id: 'E027',
    means: 'A listen step’s filter (a CEL expression over the message) does not compile.',
    todo: 'Fix the expression at the place the message names, then save the model again.',
  },
} as const satisfies Record<string, CatalogueEntry>;

export type StudioErrorCode = keyof typeof errorCatalogue;

export const isStudioErrorCode = (value: unknown): value is StudioErrorCode =>
  typeof value === 'string' && Object.hasOwn(errorCatalogue, value);

/**
 * Where a studio bug was caught: part of its fingerprint and of its details, so two reports of the
 * same bug carry the same code and a developer knows which catch saw it.
 */
export const faultSites = {
  command: 'carrying out a request',
  open: 'opening a project',
  agent: 'running an agent for a step, or promoting its results',
  decision: 'deciding what a run does next',
  loop: 'taking the gap loop’s decisions',
  'intent-agent': 'running an intent agent, or promoting its draft',
  'intent-detector': 'detecting intent gaps',
  page: 'the page',
} as const;
export type FaultSite = keyof typeof faultSites;

/**
 * A short fingerprint of a bug (4 hex digits, FNV-1a), from where it was caught and what was
 * thrown. Numbers in the message are ignored, so the same bug on another run or item gets the
 * same code, while different bugs almost always get different ones.
 */
export function faultFingerprint(site: FaultSite, name: string, message: string): string {
  const text = `${site}|${name}|${message.replace(/\d+/g, '#')}`;
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return ((hash ^ (hash >>> 16)) & 0xffff).toString(16).toUpperCase().padStart(4, '0');
}

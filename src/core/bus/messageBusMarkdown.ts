import type { BusMessageRow } from './busView';

/**
 * MESSAGE-BUS.md: one line per message, oldest first, the file seed 004's people `tail -f`:
 * `2026-12-07T23:30:01.123Z [Main flow #2] Producer → work-items: {"item":1}`. A line never breaks
 * (newlines in a message are written as \n), so each message stays one line for grep and tail. The
 * time is formatted by the caller (the core has no clock or locale): the page writes ISO 8601.
 */
export function messageBusMarkdown(
  messages: readonly BusMessageRow[],
  names: { run(row: BusMessageRow): string; time(ts: number): string },
  title = 'MESSAGE-BUS',
): string {
  const oneLine = (text: string) => text.replace(/\r?\n/g, '\\n');
  const lines = messages.map(
    (m) => `${names.time(m.ts)} [${oneLine(names.run(m))}] ${oneLine(m.from.name)} → ${m.topic}: ${oneLine(m.text)}`,
  );
  return `# ${title}\n\n${lines.join('\n')}${lines.length > 0 ? '\n' : ''}`;
}

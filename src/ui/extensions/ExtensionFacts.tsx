import { describeCapabilities } from '../../core/extensions/capabilities';
import type { ExtensionCapabilities } from '../../core/extensions/manifest';

/** What an extension asks for, one plain sentence a line: what a person approves. */
export function AsksFor({ capabilities, label }: { capabilities: ExtensionCapabilities; label: string }) {
  return (
    <ul className="extension-asks" aria-label={label}>
      {describeCapabilities(capabilities).map((line) => (
        <li key={line}>{line}</li>
      ))}
    </ul>
  );
}

/** The kinds an extension adds to New model ▾, with what each does. */
export function Provides({
  kinds,
  label,
}: {
  kinds: ReadonlyArray<{ kind: string; label: string; description: string }>;
  label: string;
}) {
  return (
    <ul className="extension-provides" aria-label={label}>
      {kinds.map((k) => (
        <li key={k.kind}>
          <strong>{k.label}</strong> <code className="muted">{k.kind}</code>
          {k.description && <span className="muted"> — {k.description}</span>}
        </li>
      ))}
    </ul>
  );
}

import { StudioError } from '../errors/studioError';
import type { ModelDefinition } from './modelSchema';
import type { ExtensionEntry, KindModule, KindTemplate } from './kindModule';

/** The registry key of a model's kind: its `kind`, or for an extension's kind `<extension id>/<kind>`. */
export const kindKeyOf = (
  model: Pick<ModelDefinition, 'kind'> & { extension?: { id: string; kind: string } },
): string =>
  model.kind === 'extension' && model.extension ? `${model.extension.id}/${model.extension.kind}` : model.kind;

/**
 * The microkernel's one table of model kinds. Built-in kinds and installed extensions register
 * here through the same `register` call; the gap loop, the conductor's settling of steps and the
 * studio's editors ask it, so no code outside a kind's folder switches over kind names.
 * Registration is all or nothing: an extension whose id, kinds or template keys clash with what is
 * registered is refused whole, with a sentence naming the clash.
 */
export class KindRegistry {
  private readonly extensions = new Map<string, ExtensionEntry>();
  private readonly kinds = new Map<string, KindModule>();
  private readonly templateKeys = new Map<string, KindTemplate>();

  register(extension: ExtensionEntry): void {
    const taken = this.extensions.get(extension.id);
    if (taken)
      throw new StudioError(
        'extension-invalid',
        `An extension with the id “${extension.id}” is already registered (${taken.name} ${taken.version}).`,
        'Remove it first, or give the new one another id.',
      );
    const keys = new Set<string>();
    for (const kind of extension.kinds) {
      const owner = this.kinds.get(kind.key);
      if (owner || keys.has(kind.key))
        throw new StudioError(
          'extension-invalid',
          `The kind “${kind.key}” is already registered${owner ? ` by ${this.extensions.get(owner.extensionId)?.name ?? owner.extensionId}` : ''}.`,
          'Each kind must have a key of its own.',
        );
      keys.add(kind.key);
      for (const template of kind.templates) {
        if (this.templateKeys.has(template.key))
          throw new StudioError(
            'extension-invalid',
            `A template “${template.key}” is already registered.`,
            'Each template must have a key of its own.',
          );
      }
    }
    this.extensions.set(extension.id, extension);
    for (const kind of extension.kinds) {
      this.kinds.set(kind.key, kind);
      for (const template of kind.templates) this.templateKeys.set(template.key, template);
    }
  }

  /** Takes an extension's kinds out (disabled or removed): their steps then read "kind not installed". */
  unregister(extensionId: string): void {
    const extension = this.extensions.get(extensionId);
    if (!extension) return;
    this.extensions.delete(extensionId);
    for (const kind of extension.kinds) {
      this.kinds.delete(kind.key);
      for (const template of kind.templates) this.templateKeys.delete(template.key);
    }
  }

  /** The module for a model's kind, or undefined when no installed extension provides it. */
  of<M extends ModelDefinition>(model: M): KindModule<M> | undefined {
    // Registered under the model's own kind key, so the module is the one for M's kind.
    return this.kinds.get(kindKeyOf(model)) as KindModule<M> | undefined;
  }

  get(key: string): KindModule | undefined {
    return this.kinds.get(key);
  }

  template(key: string): KindTemplate | undefined {
    return this.templateKeys.get(key);
  }

  /** Every kind, in registration order: built-ins first, as "New model ▾" lists them. */
  all(): KindModule[] {
    return [...this.kinds.values()];
  }

  registered(): ExtensionEntry[] {
    return [...this.extensions.values()];
  }

  /** What "New model ▾" offers, in order, with the kind each template makes. */
  templates(): Array<{ kind: KindModule; template: KindTemplate }> {
    return this.all().flatMap((kind) => kind.templates.map((template) => ({ kind, template })));
  }
}

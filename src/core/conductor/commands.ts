import { z } from 'zod';
import type { SerializedStudioError } from '../errors/studioError';
import { featureCommandSchemas } from '../catalogue/studioCatalogue';

/**
 * Everything the UI may ask of the conductor: every feature's commands, joined by the catalogue.
 * Validated on arrival: the worker trusts no caller.
 */
export const commandSchema = z.discriminatedUnion('type', featureCommandSchemas);
export type Command = z.input<typeof commandSchema>;
export type ParsedCommand = z.output<typeof commandSchema>;

export type CommandResult = { ok: true; seq: number; createdId?: string } | { ok: false; error: SerializedStudioError };

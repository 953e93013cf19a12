import { z } from 'zod';
import { HANDOFF_FILE_SCHEMAS } from './handoffSchemas';

export type HandoffFileName = keyof typeof HANDOFF_FILE_SCHEMAS;

/** The JSON Schema (draft 2020-12) of one file of the contract, as docs/handoff.md prints it. */
export function handoffJsonSchema(name: HandoffFileName): unknown {
  return z.toJSONSchema(HANDOFF_FILE_SCHEMAS[name], { io: 'input' });
}

export const HANDOFF_FILE_NAMES = Object.keys(HANDOFF_FILE_SCHEMAS) as HandoffFileName[];

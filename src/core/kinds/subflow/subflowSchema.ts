import { z } from 'zod';
import { flowIdSchema } from '../../events/primitives';
import { modelFields } from '../modelFields';

/** Runs another flow of the project with this step's input as that run's input. */
export const subflowModelSchema = z.strictObject({ ...modelFields, kind: z.literal('subflow'), flowId: flowIdSchema });
export type SubflowModel = z.infer<typeof subflowModelSchema>;

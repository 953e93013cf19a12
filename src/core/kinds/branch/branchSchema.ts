import { z } from 'zod';
import { portNameSchema } from '../../events/primitives';
import { modelFields } from '../modelFields';

const routeSchema = z.strictObject({ port: portNameSchema, when: z.string().trim().min(1).max(2_000) });

/**
 * Routes its one input to the first output whose CEL condition holds (`value` is the artifact);
 * the other outputs are skipped, and so is everything downstream that needs them.
 */
export const branchModelSchema = z.strictObject({
  ...modelFields,
  kind: z.literal('branch'),
  routes: z.array(routeSchema).min(1).max(16),
});
export type BranchModel = z.infer<typeof branchModelSchema>;

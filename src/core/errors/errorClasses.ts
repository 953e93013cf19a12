/**
 * Why a model call failed, in classes a retry policy can name. `timeout` covers deadlines and
 * streams that stall; `budget` means the call was cut off to stay within a budget.
 *
 * A module of its own because both the event map (events record the class) and the conductor's
 * ports (adapters report it) need it, and neither may import the other.
 */
export const ERROR_CLASSES = [
  'timeout',
  'rate-limit',
  'server',
  'network',
  'auth',
  'bad-request',
  'invalid-output',
  'script-error',
  'budget',
] as const;
export type ErrorClass = (typeof ERROR_CLASSES)[number];

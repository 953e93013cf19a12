import { z } from 'zod';

/*
 * The bus's topic rule, kept here, below the bus feature (src/core/bus), because a listen model
 * names a topic and kinds may not import a feature's folder: the bus re-exports it from here.
 */

/** A topic is a slug: lower-case letters and digits, words joined by `-`, `_`, `.` or `/`. */
export const TOPIC_PATTERN = /^[a-z0-9]+(?:[-_./][a-z0-9]+)*$/;
export const MAX_TOPIC_CHARS = 80;

export const topicSchema = z
  .string()
  .max(MAX_TOPIC_CHARS, `is longer than ${MAX_TOPIC_CHARS} characters`)
  .regex(TOPIC_PATTERN, 'is not a slug (lower-case letters and digits, words joined by - _ . or /)');

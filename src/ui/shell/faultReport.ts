import { errorCatalogue } from '../../core/errors/errorCatalogue';
import type { SerializedStudioError } from '../../core/errors/studioError';
import { version } from '../../../package.json';

export const STUDIO_VERSION: string = version;

/**
 * What "Copy details" puts on the clipboard for a bug report: the code and its catalogue entry,
 * the sentence shown, the detail the message never shows (where, what was thrown, the stack),
 * and the studio version, browser and time. Nothing from the person's project beyond that.
 */
export function faultReport(
  error: SerializedStudioError,
  context: { version: string; userAgent: string; at: Date },
): string {
  const entry = errorCatalogue[error.code];
  return [
    'Conductor Studio: details of an error',
    `Code: ${error.code} (${entry.id})`,
    `Message: ${error.message}`,
    ...(error.hint !== '' ? [`What to do: ${error.hint}`] : []),
    `Studio version: ${context.version}`,
    `Browser: ${context.userAgent}`,
    `Time: ${context.at.toISOString()}`,
    'Detail:',
    error.detail ?? '(none)',
  ].join('\n');
}

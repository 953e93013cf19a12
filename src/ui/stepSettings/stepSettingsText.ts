import { canonicalJson } from '../../core/events/canonicalJson';
import { stepSettingsSchema, type StepSettings } from '../../core/flow/stepSettings';
import { resolveSettingsNames, settingsWithNames, type SettingsScope } from '../../core/project/stepSettingsNames';
import { parseJsonc } from '../jsonc/jsoncCheck';

/** What an empty step's settings editor shows: a commented example, and an empty object. */
export const EMPTY_STEP_SETTINGS = `// No settings: a plain step. Ctrl+Space completes; hover explains. For example:
// { "retry": { "maxAttempts": 3, "backoff": "exponential", "baseMs": 500 }, "critical": false }
{}
`;

const isEmpty = (settings: StepSettings | undefined) => !settings || Object.keys(settings).length === 0;

/** The document for stored settings: models and steps shown by today's names (ids stay in the log). */
export const textFromSettings = (settings: StepSettings | undefined, scope: SettingsScope): string =>
  !settings || isEmpty(settings)
    ? EMPTY_STEP_SETTINGS
    : `${JSON.stringify(settingsWithNames(settings, scope), null, 2)}\n`;

/** The settings a document means (names resolved, defaults applied) as canonical JSON, or null while it is not valid. */
export function settingsKey(text: string, scope: SettingsScope): string | null {
  const parsed = parseJsonc(text);
  if (!parsed.ok) return null;
  const named = resolveSettingsNames(parsed.value, scope);
  if (named.problems.length > 0) return null;
  const checked = stepSettingsSchema.safeParse(named.value);
  return checked.success ? canonicalJson(checked.data) : null;
}

export const storedKey = (settings: StepSettings | undefined): string => canonicalJson(settings ?? {});

/** "retry, fallbacks, critical" or "none": which settings a step has, for the collapsed summary. */
export function describeSettings(settings: StepSettings | undefined): string {
  if (isEmpty(settings)) return 'none';
  return Object.keys(settings ?? {}).join(', ');
}

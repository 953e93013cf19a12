import type { ProjectTemplate } from '../../protocol/conductorApi';

/** What "New project ▾" offers, in its order; the command palette lists the same. */
export const PROJECT_TEMPLATES: ReadonlyArray<{ template: ProjectTemplate; label: string }> = [
  { template: 'empty', label: 'Empty project' },
  { template: 'example', label: 'Example: software pipeline' },
  { template: 'churn', label: 'Example: customer churn' },
  { template: 'venture', label: 'Example: venture pipeline' },
  { template: 'checks', label: 'Example: release checks' },
  { template: 'quest', label: 'Function Quest' },
];

import { defaultEventCodec } from '../../../src/core/log/studioEventCodec';
import { foldAllDefinitions } from '../../../src/core/project/projectState';
import type { EventRecord } from '../../../src/core/events/storedEvent';
import type { ProjectView } from '../../../src/protocol/publicApi';
import { DefinitionsRefused, seedDefinitions } from '../seedDefinitions';
import { PublicRefusal } from './publicRefusal';
import { callPublic, type PublishedFlow, type PublishedProject } from './publicProtocol';
import { nextFiring } from './triggerObject';

/**
 * Makes a studio project's definitions the ones its id answers to on this runner: checked and
 * seeded as a run's definitions are, then recorded in the project's catalog (which arms the
 * flows' schedules). Refused whole, before anything is recorded, if two flows share a name or a
 * webhook path (a caller could not tell which one it named).
 */
export async function publishDefinitions(projectId: string, definitions: string): Promise<PublishedProject> {
  let seeded: Awaited<ReturnType<typeof seedDefinitions<{ name: string; flows: PublishedFlow[] }>>>;
  try {
    seeded = await seedDefinitions(projectId, definitions, flowsByName);
  } catch (error) {
    if (error instanceof DefinitionsRefused)
      throw new PublicRefusal(400, 'bad-request', error.message, 'Nothing was published.');
    throw error;
  }
  const { name, flows } = seeded.checked ?? { name: '', flows: [] };
  const published: PublishedProject = { projectId, name, remoteKey: seeded.key, publishedAt: Date.now(), flows };
  await callPublic('catalog', projectId, 'publish', published);
  return published;
}

/** The definitions' flows by name, with their triggers; refused if two share a name or a webhook path. */
function flowsByName(records: EventRecord[]): { name: string; flows: PublishedFlow[] } {
  const definitionsState = foldAllDefinitions(records.map((r) => defaultEventCodec.decode(r)));
  const flows: PublishedFlow[] = [];
  const names = new Set<string>();
  const hooks = new Map<string, string>();
  for (const flow of definitionsState.flows.values()) {
    if (names.has(flow.name))
      throw new PublicRefusal(
        409,
        'conflict',
        `Two flows are named “${flow.name}”, so a caller could not say which one to run.`,
        'Rename one in the studio, export the definitions again and publish them. Nothing was published.',
      );
    names.add(flow.name);
    const trigger = definitionsState.policies?.document.flows[flow.name]?.trigger;
    if (trigger?.webhook !== undefined) {
      const other = hooks.get(trigger.webhook);
      if (other !== undefined)
        throw new PublicRefusal(
          409,
          'conflict',
          `The flows “${other}” and “${flow.name}” both declare the webhook “${trigger.webhook}”.`,
          'Give each its own webhook path in the policies. Nothing was published.',
        );
      hooks.set(trigger.webhook, flow.name);
    }
    flows.push({ name: flow.name, flowId: flow.flowId, ...(trigger ? { trigger } : {}) });
  }
  return { name: definitionsState.name, flows };
}

/** A published project as callers see it: flows by name, triggers with their next firing. */
export function viewProject(published: PublishedProject, now = Date.now()): ProjectView {
  return {
    projectId: published.projectId,
    name: published.name,
    publishedAt: published.publishedAt,
    flows: published.flows.map((flow) => {
      const { cron, webhook } = flow.trigger ?? {};
      if (cron === undefined && webhook === undefined) return { name: flow.name };
      const nextRunAt = cron !== undefined ? nextFiring(cron, now) : null;
      return {
        name: flow.name,
        trigger: {
          ...(cron !== undefined ? { cron } : {}),
          ...(webhook !== undefined ? { webhook } : {}),
          ...(nextRunAt !== null ? { nextRunAt } : {}),
        },
      };
    }),
  };
}

/** The published project, or a 404 that says how to publish it. */
export async function publishedProject(projectId: string): Promise<PublishedProject> {
  const published = await callPublic('catalog', projectId, 'get', null);
  if (!published)
    throw new PublicRefusal(
      404,
      'not-found',
      `This runner has no project “${projectId}”.`,
      'Publish its definitions first (PUT /projects/:id with a definitions export), or run a flow of it on this runner from the studio.',
    );
  return published;
}

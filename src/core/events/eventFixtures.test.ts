import { readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sha256 } from '../../runtime/sha256';
import { defaultEventCodec } from '../log/studioEventCodec';
import { EVENT_TYPES } from '../catalogue/studioCatalogue';
import { currentFixture, fixtureFileName, type EventFixture } from './fixtures/eventFixture';
import { verifyChain } from './hashChain';
import { openSoundLog } from '../log/openLog';

const dir = resolve(import.meta.dirname, 'fixtures');
const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
const fixtures = new Map(files.map((f) => [f, JSON.parse(readFileSync(resolve(dir, f), 'utf8')) as EventFixture]));

describe('frozen event fixtures: every type at every version opens in this studio', () => {
  it('there is a fixture of every event type at every version up to its current one', () => {
    const missing = EVENT_TYPES.flatMap((type) => {
      const current = defaultEventCodec.versionOf(type) ?? 1;
      return Array.from({ length: current }, (_, i) => fixtureFileName(type, i + 1)).filter(
        (name) => !fixtures.has(name),
      );
    });
    expect(missing, 'write them once with `npm run fixtures` and commit them').toEqual([]);
  });

  it('no fixture is of a type or version this studio does not know', () => {
    const strangers = [...fixtures.values()]
      .filter((f) => (defaultEventCodec.versionOf(f.type) ?? 0) < f.version)
      .map((f) => fixtureFileName(f.type, f.version));
    expect(strangers).toEqual([]);
  });

  it.each(files)('%s verifies as stored, then upcasts and parses', async (file) => {
    const fixture = fixtures.get(file) as EventFixture;
    expect(fixtureFileName(fixture.type, fixture.version)).toBe(file);
    expect(fixture.record).toMatchObject({ type: fixture.type, v: fixture.version });
    expect(await verifyChain([fixture.record], sha256)).toMatchObject({ ok: true });
    const { events, damage } = await openSoundLog([fixture.record], sha256);
    expect(damage).toBeUndefined();
    expect(events[0]).toMatchObject({
      type: fixture.type,
      v: defaultEventCodec.versionOf(fixture.type),
      hash: fixture.record.hash,
    });
  });

  it('today the studio writes each type exactly as its frozen fixture of the current version: a changed shape needs a new version', async () => {
    const changed: string[] = [];
    for (const type of EVENT_TYPES) {
      const today = await currentFixture(type, sha256);
      const frozen = fixtures.get(fixtureFileName(type, today.version));
      if (frozen && frozen.record.hash !== today.record.hash) changed.push(`${type}@v${today.version}`);
    }
    // A schema that events embed (models, settings, policies, intents) changed what gets stored
    // for these types: bump their version with an upcaster in eventUpcasters.ts, then `npm run fixtures`.
    expect(changed).toEqual([]);
  });

  it('each fixture of a current version decodes to exactly what was sealed', () => {
    for (const fixture of fixtures.values()) {
      if (fixture.version !== defaultEventCodec.versionOf(fixture.type)) continue;
      expect(defaultEventCodec.decode(fixture.record).data).toEqual(fixture.record.data);
    }
  });
});

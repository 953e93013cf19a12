import { describe, expect, it } from 'vitest';
import { sha256 } from '../../runtime/sha256';
import { artifactFromText } from './artifactFromText';
import { artifactRecordSchema, classifyValue, makeArtifact, tableColumns } from './artifactRecord';

const backlog = [
  { id: 'F-1', feature: 'Create notes', priority: 'must', estimate: 1 },
  { id: 'F-2', feature: 'Work offline', priority: 'should', estimate: 4, owner: 'sam' },
];

describe("a table's column order", () => {
  it('is the order the producer wrote the keys in, first appearance across the rows', () => {
    expect(tableColumns(backlog)).toEqual(['id', 'feature', 'priority', 'estimate', 'owner']);
    const classified = classifyValue(backlog, 'table');
    expect(classified).toMatchObject({
      ok: true,
      kind: 'table',
      columns: ['id', 'feature', 'priority', 'estimate', 'owner'],
    });
    // The body stays canonical (sorted keys): the order lives beside it.
    expect(classified.ok && classified.body.startsWith('[{"estimate":1,"feature"')).toBe(true);
  });

  it('does not change the hash: the same table written in another key order is the same artifact', async () => {
    const a = classifyValue(backlog, 'table');
    const b = classifyValue(
      backlog.map(({ estimate, priority, feature, id, ...rest }) => ({ estimate, priority, feature, id, ...rest })),
      'table',
    );
    if (!a.ok || !b.ok) throw new Error('both are tables');
    const recordA = await makeArtifact(a.kind, a.body, null, sha256, a.columns);
    const recordB = await makeArtifact(b.kind, b.body, null, sha256, b.columns);
    expect(recordA.hash).toBe(recordB.hash);
    expect(recordA.hash).toBe((await makeArtifact(a.kind, a.body, null, sha256)).hash);
    expect(recordA.columns).toEqual(['id', 'feature', 'priority', 'estimate', 'owner']);
    expect(recordB.columns).toEqual(['estimate', 'priority', 'feature', 'id', 'owner']);
  });

  it('is kept for a table typed as text, parses back, and is absent for anything but a table', async () => {
    const typed = await artifactFromText('[{"name":"a","age":3},{"name":"b","age":4}]', 'table', sha256);
    if (!typed.ok) throw new Error(typed.reason);
    expect(typed.record.columns).toEqual(['name', 'age']);
    expect(artifactRecordSchema.parse(typed.record).columns).toEqual(['name', 'age']);
    const json = await artifactFromText('{"b":1,"a":2}', 'json', sha256);
    expect(json.ok && json.record.columns).toBeUndefined();
    // A record stored before the order was kept still parses.
    const { columns: _none, ...old } = typed.record;
    expect(artifactRecordSchema.parse(old).columns).toBeUndefined();
  });
});

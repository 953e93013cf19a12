import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeFolderCycle, findFolderCycles, findImportCycles } from './importCycles.mjs';

// The same check `npm run lint` runs over src/ and workers/, over a small tree written here.
let root = '';
const write = async (file: string, text: string) => {
  await mkdir(path.dirname(path.join(root, file)), { recursive: true });
  await writeFile(path.join(root, file), text);
};

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'import-cycles-'));
  // A cycle where one side only imports a type: erased at build time, still a cycle of design.
  await write(
    'src/state.ts',
    "import { applyChange } from './changes';\nexport interface Flow { steps: string[] }\nexport const fold = applyChange;\n",
  );
  await write(
    'src/changes.ts',
    "import type { Flow } from './state';\nexport const applyChange = (flow: Flow) => flow;\n",
  );
  // A cycle across folders through a value import, the kind that breaks start-up order.
  await write('workers/protocol.ts', "import { POOL_SIZE } from '../src/pool';\nexport const LIMIT = POOL_SIZE * 2;\n");
  await write(
    'src/pool.ts',
    "import { LIMIT } from '../workers/protocol';\nexport const POOL_SIZE = 4;\nexport const limit = () => LIMIT;\n",
  );
  // No cycle: two modules that share a third.
  await write('src/shared.ts', 'export const ERROR_CLASSES = ["timeout"] as const;\n');
  await write('src/left.ts', "import { ERROR_CLASSES } from './shared';\nexport const left = ERROR_CLASSES;\n");
  await write(
    'src/right.ts',
    "import type { left } from './left';\nimport { ERROR_CLASSES } from './shared';\nexport const right: typeof left = ERROR_CLASSES;\n",
  );
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('the import-cycle check', () => {
  it('finds a type-only cycle and a value cycle across src/ and workers/, and nothing else', async () => {
    const cycles = (await findImportCycles(root)).map((cycle) => [...cycle].sort());
    expect(cycles).toHaveLength(2);
    expect(cycles).toContainEqual(['src/changes.ts', 'src/state.ts']);
    expect(cycles).toContainEqual(['src/pool.ts', 'workers/protocol.ts']);
  });

  it('finds none in a tree whose modules share a third instead', async () => {
    expect(await findImportCycles(root, ['src/shared.ts', 'src/left.ts', 'src/right.ts'])).toEqual([]);
  });
});

describe('the import-cycle check over runner/', () => {
  let runnerRoot = '';
  const writeIn = async (file: string, text: string) => {
    await mkdir(path.dirname(path.join(runnerRoot, file)), { recursive: true });
    await writeFile(path.join(runnerRoot, file), text);
  };

  beforeAll(async () => {
    runnerRoot = await mkdtemp(path.join(tmpdir(), 'import-cycles-runner-'));
    // The runner's old shape: the object starts the driver, the driver takes the object's message types.
    await writeIn(
      'runner/src/projectObject.ts',
      "import { driveProject } from './driver';\nexport interface CommandReply { ok: boolean }\nexport const drive = driveProject;\n",
    );
    await writeIn(
      'runner/src/driver.ts',
      "import type { CommandReply } from './projectObject';\nimport { GAP } from '../../src/core/loop';\nexport const driveProject = (): CommandReply => ({ ok: GAP > 0 });\n",
    );
    await writeIn('src/core/loop.ts', 'export const GAP = 1;\n');
  });

  afterAll(async () => {
    await rm(runnerRoot, { recursive: true, force: true });
  });

  it('is part of what `npm run lint` checks, and finds a cycle between two runner modules', async () => {
    const cycles = (await findImportCycles(runnerRoot)).map((cycle) => [...cycle].sort());
    expect(cycles).toEqual([['runner/src/driver.ts', 'runner/src/projectObject.ts']]);
  });
});

describe('the folder-level check over src/core', () => {
  let tree = '';
  const put = async (file: string, text: string) => {
    await mkdir(path.dirname(path.join(tree, file)), { recursive: true });
    await writeFile(path.join(tree, file), text);
  };

  beforeAll(async () => {
    tree = await mkdtemp(path.join(tmpdir(), 'folder-cycles-'));
    // No file cycle, but the folders loop: alerts reads a type of project, project a schema of alerts.
    await put(
      'src/core/alerts/planAlerts.ts',
      "import type { Defs } from '../project/state';\nexport const plan = (defs: Defs) => defs;\n",
    );
    await put('src/core/alerts/document.ts', 'export const RULES = 1;\n');
    await put(
      'src/core/project/state.ts',
      "import { RULES } from '../alerts/document';\nexport interface Defs { rules: typeof RULES }\n",
    );
    // A lower folder both use is no loop; nor is a test that drives the whole studio from below.
    await put('src/core/events/primitives.ts', 'export const ID = 1;\n');
    await put(
      'src/core/catalogue/list.ts',
      "import { plan } from '../alerts/planAlerts';\nimport { ID } from '../events/primitives';\nexport const list = [plan, ID];\n",
    );
    await put(
      'src/core/events/primitives.test.ts',
      "import { list } from '../catalogue/list';\nexport const probe = list;\n",
    );
  });

  afterAll(async () => {
    await rm(tree, { recursive: true, force: true });
  });

  it('fails on a loop of folders made by a type-only import, and spells it out', async () => {
    const loops = await findFolderCycles(tree);
    expect(loops).toHaveLength(1);
    expect(describeFolderCycle(loops[0] ?? [])).toBe(
      'alerts → project (alerts/planAlerts.ts → project/state.ts) → alerts (project/state.ts → alerts/document.ts)',
    );
  });

  it('finds no loop once the lower folder stops importing the higher one', async () => {
    await put('src/core/project/state.ts', 'export interface Defs { rules: number }\n');
    expect(await findFolderCycles(tree)).toEqual([]);
  });

  // Parsing every file of src/core takes seconds on a busy machine: a limit, not a measure.
  it("the studio's own src/core folders form a DAG (what `npm run lint` checks)", { timeout: 60_000 }, async () => {
    const repoRoot = fileURLToPath(new URL('..', import.meta.url));
    expect((await findFolderCycles(repoRoot)).map(describeFolderCycle)).toEqual([]);
  });
});

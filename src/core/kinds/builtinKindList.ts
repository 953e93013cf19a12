import { branchKind } from './branch/branchKind';
import { gateKind } from './gate/gateKind';
import { handoffKind } from './handoff/handoffKind';
import { humanKind } from './human/humanKind';
import { listenKind } from './listen/listenKind';
import { importedKind } from './imported/importedKind';
import { llmKind } from './llm/llmKind';
import { questKind } from './quest/questKind';
import { scriptKind } from './script/scriptKind';
import { subflowKind } from './subflow/subflowKind';

/**
 * The studio's own kinds: the one list a new kind is added to (its folder plus one line here). The
 * kind registry registers them (builtinKinds.ts) and the model schema is the union of their stored
 * forms (modelSchema.ts). Kept exact (`as const`) so the model type is derived from it.
 */
export const BUILT_IN_KIND_LIST = [
  scriptKind,
  llmKind,
  humanKind,
  branchKind,
  gateKind,
  subflowKind,
  questKind,
  handoffKind,
  listenKind,
  importedKind,
] as const;

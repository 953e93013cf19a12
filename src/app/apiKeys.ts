// The UI's one door to the API keys database (lint: src/ui may not import src/storage). Keys are
// per browser, not per project, so they do not go through a project's session; the conductor
// reads a key by name at the moment of a call, so nothing else needs telling when one changes.
export { deleteKey, listKeySummaries, saveKey, type KeySummary } from '../storage/keyStore';

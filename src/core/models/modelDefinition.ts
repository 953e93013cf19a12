/*
 * What a model is, as the log stores it: built in the kind registry's folder (kinds/modelSchema.ts),
 * re-exported here for the studio's modules outside src/core/kinds.
 */
export * from '../kinds/modelSchema';

/*
 * The conductor's injected ports live in src/core/ports (kinds and features need them, and must not
 * import the conductor). Re-exported here for the conductor's own modules and the hosts.
 */
export * from '../ports/ports';

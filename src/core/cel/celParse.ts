/**
 * The one way core code reaches cel-js, so that the page's build can put it off (see
 * deferCelInPage in vite.config.ts): the conductor worker, Node and the tests use it as it is.
 */
export { parse } from '@marcbachmann/cel-js';

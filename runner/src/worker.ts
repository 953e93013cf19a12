import './polyfill';
import * as restate from '@restatedev/restate-sdk';
import { projectObject } from './projectObject';
import { agentService } from './agentService';
import { streamObject } from './streamObject';
import { waiterService } from './waiters';
import { agentCallsObject, hostCallService } from './hostRelay';
import { catalogObject, idempotencyObject } from './public/publicObjects';
import { runIndexObject } from './public/runIndexObject';
import { triggerObject } from './public/triggerObject';

/**
 * One runner process: a Restate deployment serving the project object (the single writer of each
 * project's log, and the driver of its conductor) and the agent service (agents' work as durable
 * steps). Start as many as you like, on any machine, behind one HTTP/2 address registered with
 * Restate (see runner/README.md).
 */
const port = Number(process.env['RUNNER_ENDPOINT_PORT'] ?? 9080);
restate
  .endpoint()
  .bind(projectObject)
  .bind(agentService)
  .bind(streamObject)
  .bind(waiterService)
  .bind(agentCallsObject)
  .bind(hostCallService)
  .bind(catalogObject)
  .bind(runIndexObject)
  .bind(idempotencyObject)
  .bind(triggerObject)
  .listen(port)
  .then(() => console.log(`[runner ${process.pid}] serving Restate handlers on :${port}`))
  .catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });

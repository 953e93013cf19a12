import type { RunState } from '../../core/run/runState';
import { shortFingerprint } from '../../share/signature';
import './remoteBadge.css';

/** Marks a run that ran on a runner: live there still, or imported here with its signer's key named. */
export function RemoteBadge({ remote }: { remote: NonNullable<RunState['remote']> }) {
  const title = remote.live
    ? `Running on the runner at ${remote.runner}; its history comes into this project, checked, when it is over.`
    : `Ran on the runner at ${remote.runner}. Its history was checked (hash chain, and the runner’s signature by key ${shortFingerprint(remote.fingerprint ?? '')}) before it was written here.`;
  return (
    <span className={`remote-badge ${remote.live ? 'is-live' : ''}`} title={title}>
      remote
    </span>
  );
}

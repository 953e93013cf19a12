import { useProjectView } from '../../app/useProjectSession';
import './bus.css';

/** Under a run in the runs list: how many messages it posted on the bus, and its latest one. */
export function RunBusLine({ runId }: { runId: string }) {
  const posted = useProjectView((v) => v.bus?.perRun.get(runId as never));
  if (!posted) return null;
  const { count, latest } = posted;
  return (
    <span className="run-item__bus" title={`${latest.from.name} → ${latest.topic}: ${latest.text}`}>
      {count} message{count === 1 ? '' : 's'} · latest: {latest.from.name} → {latest.topic}: {latest.text}
    </span>
  );
}

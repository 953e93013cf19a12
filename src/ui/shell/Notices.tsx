import { useEffect, useRef, useState, type FocusEvent } from 'react';
import { createPortal } from 'react-dom';
import { dismissNotice, useUi, type Notice } from '../../app/uiStore';
import { CopyDetailsButton } from './CopyDetailsButton';
import { useNoticeSlot } from './NoticeSlot';
import './notices.css';

/** How long a confirmation stays: long enough to read twice. */
export const NOTICE_MS = 5000;
/** After a pause (pointer or focus on the stack), a confirmation stays at least this long more. */
const AFTER_PAUSE_MS = 1500;

/**
 * Errors and confirmations, as sentences, in one stack in the canvas's corner. A confirmation goes
 * by itself after a few seconds (not while the pointer or focus is on the stack); an error stays
 * until dismissed, and a studio bug offers its details for a report.
 */
export function Notices() {
  const notices = useUi((s) => s.notices);
  const slot = useNoticeSlot();
  if (notices.length === 0) return null;
  const stack = <NoticeStack notices={notices} floating={!slot} />;
  return slot ? createPortal(stack, slot) : stack;
}

/** Mounted only while there are notices: a pointer that was over the last one is not still "over" the next. */
function NoticeStack({ notices, floating }: { notices: readonly Notice[]; floating: boolean }) {
  const [hovered, setHovered] = useState(false);
  const [focused, setFocused] = useState(false);
  const root = useRef<HTMLElement>(null);
  // A dismissed notice takes its focused button with it, and no blur says so.
  useEffect(() => setFocused(root.current?.contains(document.activeElement) ?? false), [notices]);
  const leave = (e: FocusEvent) => {
    if (!e.currentTarget.contains(e.relatedTarget)) setFocused(false);
  };
  return (
    <section
      ref={root}
      className={`notice-stack ${floating ? 'is-floating' : ''}`}
      aria-label="Notices"
      onMouseEnter={() => setHovered(true)}
      onMouseLeave={() => setHovered(false)}
      onFocus={() => setFocused(true)}
      onBlur={leave}
    >
      {notices.map((n) => (
        <NoticeItem key={n.id} notice={n} paused={hovered || focused} />
      ))}
    </section>
  );
}

function NoticeItem({ notice, paused }: { notice: Notice; paused: boolean }) {
  useAutoDismiss(notice, paused);
  return (
    <div className={`notice notice-${notice.tone}`} role={notice.tone === 'error' ? 'alert' : 'status'}>
      <span className="notice__text">{notice.text}</span>
      {notice.error?.code === 'internal' && <CopyDetailsButton error={notice.error} />}
      <button
        type="button"
        className="link"
        aria-label="Dismiss"
        title="Dismiss"
        onClick={() => dismissNotice(notice.id)}
      >
        ✕
      </button>
    </div>
  );
}

/** A confirmation counts down while nobody is reading it; an error never does. */
function useAutoDismiss(notice: Notice, paused: boolean): void {
  const remaining = useRef(NOTICE_MS);
  const stays = notice.tone === 'error';
  useEffect(() => {
    if (stays || paused) return;
    const started = performance.now();
    const timer = setTimeout(() => dismissNotice(notice.id), remaining.current);
    return () => {
      clearTimeout(timer);
      remaining.current = Math.max(AFTER_PAUSE_MS, remaining.current - (performance.now() - started));
    };
  }, [notice.id, stays, paused]);
}

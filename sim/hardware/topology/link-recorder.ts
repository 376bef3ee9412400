/** A LinkSink that only numbers links: lets the analytic model build a topology without an engine. */
import type { LinkSink } from './types';

export function linkRecorder(): LinkSink {
  let next = 0;
  return { addLink: () => next++ };
}

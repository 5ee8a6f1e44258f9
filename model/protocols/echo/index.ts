/**
 * The Echo algorithm (`MCEcho` of the TLA+ Examples) — the front door: no parameters (the TLA+
 * configuration's graph), its mutant that forgets the echo, the checking instance.
 *
 * @module
 */
import { defineProtocol } from '../protocol.js';
import { echo } from './echo.js';

/** Echo, and its mutant whose nodes never acknowledge their parent. */
export const echoProtocol = defineProtocol({
  id: 'echo',
  description: 'The Echo algorithm building a spanning tree (MCEcho): guarded receives, the parent tree, termination',
  params: [],
  variants: [{ name: 'no-echo', description: 'echo whose nodes never send c to their parent: the initiator waits forever' }],
  build: (_p, variant) => echo(variant === 'no-echo' ? 'no-echo' : null),
});

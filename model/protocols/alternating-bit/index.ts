/**
 * The alternating-bit protocol (`MCAlternatingBit` of "Specifying Systems") — the front door: no parameters
 * (the TLA+ configuration's constants), the variant with weak reception, the checking instance.
 *
 * @module
 */
import { defineProtocol } from '../protocol.js';
import { alternatingBit } from './alternatingBit.js';

/** The alternating-bit protocol over fair-loss queues, and its variant whose reception is only weakly fair. */
export const alternatingBitProtocol = defineProtocol({
  id: 'alternating-bit',
  description: 'The alternating-bit protocol over fair-loss FIFO queues (MCAlternatingBit of Specifying Systems): what is sent is received',
  params: [],
  variants: [{ name: 'weak-receive', description: 'alternating-bit whose reception is only weakly fair: every copy may be lost' }],
  build: (_p, variant) => alternatingBit(variant === 'weak-receive' ? 'weak-receive' : null),
});

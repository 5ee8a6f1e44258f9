/**
 * The live internal memory of "Specifying Systems" (`MCLiveInternalMemory` of the TLA+ Examples) — the front
 * door: no parameters (the model's constants are the TLA+ configuration's), its variant with too little
 * fairness, and the checking instance.
 *
 * @module
 */
import { defineProtocol } from '../protocol.js';
import { internalMemory } from './internalMemory.js';

/** The internal memory with liveness, and its variant whose answers are not fair. */
export const internalMemoryProtocol = defineProtocol({
  id: 'internal-memory',
  description: "Lamport's internal memory with liveness (MCLiveInternalMemory of Specifying Systems): every request is answered",
  params: [],
  variants: [{ name: 'unfair-rsp', description: 'internal-memory with weak fairness on Do alone: an answer that is ready may never be given' }],
  build: (_p, variant) => internalMemory(variant === 'unfair-rsp' ? 'unfair-rsp' : null),
});

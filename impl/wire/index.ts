/**
 * The runtime's canonical binary format of schema values (see `codec.ts` for the definition).
 *
 * @module
 */
export { WIRE_VERSION, compareBytes, wireCodec, wireDecode, wireEncode } from './codec.js';
export type { WireCodec } from './codec.js';
export { WireError } from './wireError.js';

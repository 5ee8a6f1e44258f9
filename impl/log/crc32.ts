/**
 * CRC-32 (the IEEE 802.3 / zlib / PNG polynomial), table-driven, for the checksums of log records.
 *
 * A log record is checksummed so that recovery can tell a complete record from one that a crash tore or a
 * disk corrupted. CRC-32 detects every error burst of up to 32 bits and misses a random corruption with
 * probability 2^-32, which is what a log needs (not a cryptographic hash). The reflected polynomial
 * 0xEDB88320 with initial value and final XOR 0xFFFFFFFF gives the standard check value
 * `crc32("123456789") = 0xCBF43926` (see Ross Williams, "A Painless Guide to CRC Error Detection
 * Algorithms", 1993). Node has a CRC-32 only in `zlib` since v22, hence this small one.
 *
 * @example
 * ```ts
 * crc32(new TextEncoder().encode('123456789')); // 0xcbf43926
 * crc32(b, crc32(a)) === crc32(concat(a, b));   // incremental
 * ```
 *
 * @module
 */

const TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

/**
 * The CRC-32 of `bytes[start, end)`, continuing from `previous` (the CRC of the bytes before, 0 to start).
 * Returns an unsigned 32-bit integer.
 */
export function crc32(bytes: Uint8Array, previous = 0, start = 0, end = bytes.length): number {
  let c = ~previous;
  for (let i = start; i < end; i++) c = TABLE[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return ~c >>> 0;
}

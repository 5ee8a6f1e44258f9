import { describe, expect, it } from 'vitest';
import { UsageError } from '../../cli/errors.js';
import { parseSize } from '../../cli/size.js';

describe('--max-memory sizes', () => {
  it('reads binary units, with or without B or iB', () => {
    expect(parseSize('max-memory', '2G')).toBe(2 * 2 ** 30);
    expect(parseSize('max-memory', '512M')).toBe(512 * 2 ** 20);
    expect(parseSize('max-memory', '1.5g')).toBe(1.5 * 2 ** 30);
    expect(parseSize('max-memory', '800KiB')).toBe(800 * 1024);
    expect(parseSize('max-memory', '4096')).toBe(4096);
  });

  it('refuses anything else in one line that echoes a short prefix only', () => {
    for (const bad of ['', '0', '-5M', '12Q', 'G', '2 G B', '1e9']) expect(() => parseSize('max-memory', bad)).toThrow(UsageError);
    expect(() => parseSize('max-memory', 'x'.repeat(1000))).toThrow(/^bad value 'x{40}\.\.\.' for --max-memory: expected a size such as 512M or 2G$/);
  });
});

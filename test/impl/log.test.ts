import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, stat, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DurableLog, LOG_HEADER, LogCorruptError, RECORD_OVERHEAD, crc32, readLog } from '../../impl/log/index.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'interleave-log-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

let counter = 0;
const fresh = (): string => join(dir, `log-${counter++}`);
const rec = (...xs: number[]): Uint8Array => Uint8Array.from(xs);
const text = (s: string): Uint8Array => new TextEncoder().encode(s);

/** Writes `records` to a new log at `path` with one append each and closes it. */
async function writeLog(path: string, records: Uint8Array[]): Promise<void> {
  const { log } = await DurableLog.open(path);
  for (const r of records) await log.append(r);
  await log.close();
}

async function reopen(path: string): Promise<{ records: number[][]; droppedBytes: number; reason: string | null; size: number }> {
  const { log, recovery } = await DurableLog.open(path);
  await log.close();
  return { records: recovery.records.map((r) => [...r]), droppedBytes: recovery.droppedBytes, reason: recovery.reason, size: (await stat(path)).size };
}

describe('crc32', () => {
  it('gives the standard check values', () => {
    expect(crc32(text('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array(0))).toBe(0);
    expect(crc32(text('The quick brown fox jumps over the lazy dog'))).toBe(0x414fa339);
  });
  it('is incremental over any split point', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), fc.nat(), (b, k) => {
        const cut = k % (b.length + 1);
        expect(crc32(b, crc32(b.subarray(0, cut)), cut)).toBe(crc32(b));
      }),
    );
  });
});

describe('append and recover', () => {
  it('creates a log with its header and recovers every appended record in order', async () => {
    const path = fresh();
    const { log, recovery } = await DurableLog.open(path);
    expect(recovery).toEqual({ records: [], droppedBytes: 0, reason: null, created: true });
    const big = new Uint8Array(100_000).map((_, i) => i * 7);
    await log.append(rec(1, 2, 3));
    await log.append(rec());
    await log.append(big);
    expect(log.stats).toMatchObject({ commits: 3, records: 3, bytes: 3 * RECORD_OVERHEAD + 3 + 100_000 });
    expect(log.size).toBe(LOG_HEADER.length + 3 * RECORD_OVERHEAD + 3 + 100_000);
    await log.close();
    const bytes = await readFile(path);
    expect([...bytes.subarray(0, 8)]).toEqual([...LOG_HEADER]);
    // The first record's frame: length 3, CRC of (00 00 00 03 01 02 03), payload.
    expect([...bytes.subarray(8, 12)]).toEqual([0, 0, 0, 3]);
    expect(bytes.readUInt32BE(12)).toBe(crc32(rec(0, 0, 0, 3, 1, 2, 3)));
    const { log: again, recovery: r2 } = await DurableLog.open(path);
    expect(r2.records.map((r) => [...r])).toEqual([[1, 2, 3], [], [...big]]);
    expect(r2).toMatchObject({ droppedBytes: 0, reason: null, created: false });
    await again.append(rec(9));
    await again.close();
    expect((await reopen(path)).records).toEqual([[1, 2, 3], [], [...big], [9]]);
  });

  it('commits appends made in one tick, or during an fsync, together with one fsync', async () => {
    const { log } = await DurableLog.open(fresh());
    const base = log.stats.fsyncs;
    await Promise.all(Array.from({ length: 10 }, (_, i) => log.append(rec(i))));
    expect(log.stats.fsyncs - base).toBe(1);
    // Once a commit's write is in flight (a few microtasks in), later appends wait for the next commit.
    const first = log.append(rec(10));
    for (let k = 0; k < 3; k++) await Promise.resolve();
    await Promise.all([first, ...Array.from({ length: 9 }, (_, i) => log.append(rec(11 + i)))]);
    expect(log.stats.fsyncs - base).toBe(3);
    await log.append(rec(20), rec(21), rec(22));
    expect(log.stats.fsyncs - base).toBe(4);
    await log.append();
    expect(log.stats).toMatchObject({ fsyncs: base + 4, commits: 4, records: 23 });
    await log.close();
    expect((await reopen(log.path)).records).toEqual(Array.from({ length: 23 }, (_, i) => [i]));
  });

  it('refuses oversized records and appends after close', async () => {
    const { log } = await DurableLog.open(fresh(), { maxRecordSize: 4 });
    expect(() => log.append(rec(1, 2, 3, 4, 5))).toThrow(/record of 5 bytes exceeds maxRecordSize 4/);
    await log.close();
    expect(() => log.append(rec(1))).toThrow(/is closed/);
  });
});

describe('torn and corrupt tails', () => {
  const records = [text('alpha'), text('bravo!'), text('the last record, a longer one')];
  const frame = (r: Uint8Array): number => RECORD_OVERHEAD + r.length;
  const full = LOG_HEADER.length + records.reduce((n, r) => n + frame(r), 0);
  const goodEnd = full - frame(records[2]!);
  const firstTwo = records.slice(0, 2).map((r) => [...r]);

  it('drops a record cut anywhere inside, keeping every complete one and cutting the file', async () => {
    for (let cut = goodEnd + 1; cut < full; cut++) {
      const path = fresh();
      await writeLog(path, records);
      await truncate(path, cut);
      const r = await reopen(path);
      expect(r.records).toEqual(firstTwo);
      expect(r.droppedBytes).toBe(cut - goodEnd);
      expect(r.reason).toMatch(new RegExp(`^torn record at byte ${goodEnd}: `));
      expect(r.size).toBe(goodEnd);
    }
  });

  it('drops a last record with any one byte changed (length, checksum or payload)', async () => {
    for (let at = goodEnd; at < full; at++) {
      const path = fresh();
      await writeLog(path, records);
      const bytes = await readFile(path);
      bytes[at] = bytes[at]! ^ 0x5a;
      await writeFile(path, bytes);
      const r = await reopen(path);
      expect(r.records).toEqual(firstTwo);
      expect(r.droppedBytes).toBe(full - goodEnd);
      expect(r.reason).toMatch(/^(torn|bad) record at byte \d+: /);
      expect(r.size).toBe(goodEnd);
    }
  });

  it('appends after a cut tail land where the good records end', async () => {
    const path = fresh();
    await writeLog(path, records);
    await truncate(path, full - 3);
    const { log, recovery } = await DurableLog.open(path);
    expect(recovery.droppedBytes).toBe(frame(records[2]!) - 3);
    await log.append(text('after'));
    await log.close();
    expect((await reopen(path)).records).toEqual([...firstTwo, [...text('after')]]);
  });

  it('keeps exactly the records wholly before any cut point', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.uint8Array({ maxLength: 40 }), { maxLength: 6 }), fc.nat(), async (rs, k) => {
        const path = fresh();
        await writeLog(path, rs);
        const size = (await stat(path)).size;
        const cut = LOG_HEADER.length + (k % (size - LOG_HEADER.length + 1));
        await truncate(path, cut);
        let end = LOG_HEADER.length;
        const kept = rs.filter((r) => (end += frame(r)) <= cut).map((r) => [...r]);
        const r = await reopen(path);
        expect(r.records).toEqual(kept);
        expect(r.size + r.droppedBytes).toBe(cut);
        await rm(path);
      }),
      { numRuns: 60 },
    );
  });

  it('refuses to open a log corrupted before its tail, and truncates it only when asked', async () => {
    const path = fresh();
    await writeLog(path, records);
    const bytes = await readFile(path);
    const at = LOG_HEADER.length + RECORD_OVERHEAD + 1; // in the first record's payload
    bytes[at] = bytes[at]! ^ 0xff;
    await writeFile(path, bytes);
    await expect(DurableLog.open(path)).rejects.toThrow(LogCorruptError);
    await expect(DurableLog.open(path)).rejects.toThrow(/damaged at byte 8 \(checksum mismatch\), followed by intact records from byte \d+ \(2 of them\)/);
    expect((await stat(path)).size).toBe(full);
    const { log, recovery } = await DurableLog.open(path, { onMidLogCorruption: 'truncate' });
    await log.close();
    expect(recovery.records).toEqual([]);
    expect(recovery.droppedBytes).toBe(full - LOG_HEADER.length);
  });

  it('refuses a file that is not a log, and treats a torn header as a new log', async () => {
    const path = fresh();
    await writeFile(path, 'hello, world\n');
    await expect(DurableLog.open(path)).rejects.toThrow(/not an interleave log/);
    expect(await readFile(path, 'utf8')).toBe('hello, world\n');
    const torn = fresh();
    await writeFile(torn, LOG_HEADER.subarray(0, 3));
    const { log, recovery } = await DurableLog.open(torn);
    await log.close();
    expect(recovery.created).toBe(true);
    expect([...(await readFile(torn))]).toEqual([...LOG_HEADER]);
  });
});

describe('damage before the tail', () => {
  const many = Array.from({ length: 400 }, (_, i) => text(`record ${i} `.repeat(1 + (i % 5))));
  const offsets: number[] = [];
  let at = LOG_HEADER.length;
  for (const r of many) (offsets.push(at), (at += RECORD_OVERHEAD + r.length));

  /** Writes the log, lets `damage` change its bytes, and returns the path and the damaged bytes. */
  async function damaged(damage: (b: Buffer) => void): Promise<{ path: string; bytes: Buffer; mtime: number }> {
    const path = fresh();
    const { log } = await DurableLog.open(path);
    await log.append(...many);
    await log.close();
    const bytes = await readFile(path);
    damage(bytes);
    await writeFile(path, bytes);
    return { path, bytes, mtime: (await stat(path)).mtimeMs };
  }

  async function expectRefusedUntouched(d: { path: string; bytes: Buffer; mtime: number }, message: RegExp): Promise<void> {
    await expect(DurableLog.open(d.path)).rejects.toThrow(LogCorruptError);
    await expect(DurableLog.open(d.path)).rejects.toThrow(message);
    expect((await readFile(d.path)).equals(d.bytes)).toBe(true);
    expect((await stat(d.path)).mtimeMs).toBe(d.mtime);
  }

  it('64 zeroed bytes in the middle refuse the open, name the offset, and leave the file as it was', async () => {
    const mid = offsets[200]! + 3;
    const d = await damaged((b) => b.fill(0, mid, mid + 64));
    await expectRefusedUntouched(d, new RegExp(`damaged at byte ${offsets[200]} .*followed by intact records`));
    const contents = await readLog(d.path);
    expect(contents.records).toHaveLength(200);
    expect(contents.damage!.offset).toBe(offsets[200]);
    // Every record wholly after the zeroed bytes is found again.
    const firstAfter = offsets.findIndex((o) => o >= mid + 64);
    expect(contents.damage!.intactAt).toBe(offsets[firstAfter]);
    expect(contents.damage!.after).toHaveLength(many.length - firstAfter);
    expect(contents.damage!.after.map((r) => r.offset)).toEqual(offsets.slice(firstAfter));
  });

  it('a length field made huge, or made to run past the end, is damage and not a torn tail', async () => {
    for (const length of [0xffffffff, 1 << 20, 40]) {
      const d = await damaged((b) => b.writeUInt32BE(length, offsets[10]!));
      await expectRefusedUntouched(d, new RegExp(`damaged at byte ${offsets[10]} `));
    }
  });

  it('a log of format version 1 is refused by name and left as it was', async () => {
    const d = await damaged((b) => (b[7] = 1));
    await expectRefusedUntouched(d, /format version 1, but this interleave reads version 2 only/);
  });

  it('a torn last record is still just cut', async () => {
    const path = fresh();
    const { log } = await DurableLog.open(path);
    await log.append(...many);
    await log.close();
    await truncate(path, at - 5);
    const contents = await readLog(path);
    expect(contents.damage).toBeNull();
    expect(contents.tail).toMatchObject({ offset: offsets[399], bytes: at - 5 - offsets[399]! });
    expect((await reopen(path)).records).toHaveLength(399);
  });
});

describe('a real crash', () => {
  it('keeps every record acknowledged before a SIGKILL', async () => {
    // A child appends numbered records as fast as it can and prints each number once append resolves;
    // it is killed mid-stream, so its last commit may be torn. Runs the built JavaScript (see buildOnce).
    const path = fresh();
    const logModule = new URL('../../dist/impl/log/index.js', import.meta.url).href;
    const script = `
      import { DurableLog } from ${JSON.stringify(logModule)};
      const { log } = await DurableLog.open(${JSON.stringify(path)});
      for (let i = 0; ; i++) {
        const r = new Uint8Array(200 + (i % 50)).fill(i & 0xff);
        new DataView(r.buffer).setUint32(0, i);
        await log.append(r);
        process.stdout.write(i + '\\n');
      }`;
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.split('\n').length > 30) resolve();
      });
      child.on('exit', (code) => reject(new Error(`the appending child exited early (${code}) after: ${out}`)));
    });
    child.kill('SIGKILL');
    await new Promise((resolve) => child.on('exit', resolve));
    const acknowledged = out.split('\n').filter((l) => l !== '').length;
    const { log, recovery } = await DurableLog.open(path);
    await log.close();
    expect(recovery.records.length).toBeGreaterThanOrEqual(acknowledged);
    recovery.records.forEach((r, i) => {
      expect(new DataView(r.buffer, r.byteOffset).getUint32(0)).toBe(i);
      expect(r.length).toBe(200 + (i % 50));
    });
  });
});


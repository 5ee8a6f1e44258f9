import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { simulatePowerLoss } from '../../../impl/cluster/index.js';
import { DurableLog, readLog } from '../../../impl/log/index.js';
import { prng } from '../../../impl/transport/index.js';

describe('a simulated power loss', () => {
  it('takes a tail of the trace (never its header) and tears only the end of the log, never a complete record', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'il-powerloss-'));
    let tornTraces = 0;
    let tornLogs = 0;
    for (let k = 0; k < 40; k++) {
      const files = { log: join(dir, `n${k}.log`), trace: join(dir, `n${k}.trace.jsonl`) };
      const lines = Array.from({ length: 1 + (k % 12) }, (_, i) => `{"line":${i}}`);
      writeFileSync(files.trace, lines.map((l) => `${l}\n`).join(''));
      const { log } = await DurableLog.open(files.log);
      await log.append(...Array.from({ length: 5 }, (_, i) => new Uint8Array(10).fill(i)));
      await log.close();
      const d = simulatePowerLoss(files, prng(k, 'test'));
      const text = readFileSync(files.trace, 'utf8');
      const kept = text.split('\n');
      const torn = kept.pop()!;
      expect(kept).toEqual(lines.slice(0, lines.length - d.traceLines));
      expect(kept.length).toBeGreaterThanOrEqual(1);
      expect(torn.length > 0).toBe(d.tornTrace);
      if (d.tornTrace) expect(lines[kept.length]!.startsWith(torn)).toBe(true);
      const after = await readLog(files.log);
      expect(after.records.map((r) => r.payload[0])).toEqual([0, 1, 2, 3, 4]);
      expect(after.damage).toBeNull();
      expect(after.tail !== null).toBe(d.tornLog);
      tornTraces += d.tornTrace ? 1 : 0;
      tornLogs += d.tornLog ? 1 : 0;
    }
    expect(tornTraces).toBeGreaterThan(0);
    expect(tornLogs).toBeGreaterThan(0);
  });
});

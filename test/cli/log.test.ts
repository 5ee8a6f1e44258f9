import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findDeployment } from '../../model/protocols/registry.js';
import { interleave } from '../helpers/cli.js';
import { memoryRun } from '../helpers/memoryCluster.js';

describe('interleave log', () => {
  it('lists an intact log decoded with the protocol its trace names, and exits 0', async () => {
    const run = await memoryRun(findDeployment('twophase-log'), { txs: 4, participants: 2, refuse: 0 });
    const r = interleave('log', join(run.dir, 'P1.log'));
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^log .*P1\.log: \d+ bytes, \d+ records \(\d+ state, 1 mark\), decoded as twophase-log P1$/);
    expect(lines[1]).toMatch(/^ {2}#1 {2}byte 8 {2}mark {2}incarnation 0: steps below \d+, sequence numbers below \d+$/);
    expect(lines.at(-2)).toMatch(/^ {2}#\d+ {2}byte \d+ {2}state {2}\{log: \[commit, commit, commit, commit\]\}$/);
    expect(lines.at(-1)).toBe('intact');
    const json = JSON.parse(interleave('log', join(run.dir, 'P1.log'), '--json').stdout) as { verdict: string; records: { kind: string }[] };
    expect(json.verdict).toBe('intact');
    expect(json.records.length).toBe(lines.length - 2);
  });

  it('says where a log is damaged, lists what follows the damage, exits 1, and does not touch the file', async () => {
    const run = await memoryRun(findDeployment('twophase-log'), { txs: 6, participants: 2, refuse: 0 });
    const path = join(run.dir, 'P2.log');
    const bytes = readFileSync(path);
    bytes.fill(0, 40, 52);
    writeFileSync(path, bytes);
    const mtime = statSync(path).mtimeMs;
    const r = interleave('log', path);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/\nDAMAGED at byte \d+: checksum mismatch; intact records resume at byte \d+:\n {2}\+#/);
    expect(r.stdout).toMatch(/the node refuses to start on this log; the \d+ records after the damage are acknowledged state a repair would lose\n$/);
    expect(readFileSync(path).equals(bytes)).toBe(true);
    expect(statSync(path).mtimeMs).toBe(mtime);
  });

  it('refuses a file that is not a log of this version on one line, exit 2', async () => {
    const run = await memoryRun(findDeployment('twophase-log'), { txs: 2, participants: 2, refuse: 0 });
    const v1 = join(run.dir, 'old.log');
    writeFileSync(v1, Buffer.from('ILVLOG\x00\x01abcdefgh', 'latin1'));
    const r = interleave('log', v1);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^interleave: error: log .*old\.log: format version 1, but this interleave reads version 2 only .*; the file is left as it is\n$/);
    const text = interleave('log', join(run.dir, 'P1.trace.jsonl'));
    expect(text.code).toBe(2);
    expect(text.stderr).toMatch(/not an interleave log \(bad header\)/);
    expect(interleave('log', join(run.dir, 'absent.log'))).toMatchObject({ code: 2, stderr: expect.stringMatching(/no log at /) });
  });
});

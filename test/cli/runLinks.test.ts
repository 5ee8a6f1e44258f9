import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createRunCertificates, opensslAvailable } from '../../impl/cluster/index.js';
import { encodeFrame, encodeHello } from '../../impl/transport/index.js';
import { CLI, interleave } from '../helpers/cli.js';

const haveOpenssl = opensslAvailable();
if (!haveOpenssl) console.warn('runLinks.test.ts: skipping the TLS runs: the openssl command is not on PATH (apt-get install openssl)');
const tlsIt = haveOpenssl ? it : it.skip;

const dirs: string[] = [];
const fresh = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'il-links-'));
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const links = (dir: string): string => (JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8')) as { links: string }).links;
const small = ['twophase-log', '--param', 'txs=20', '--quiet'];

describe('interleave run: link security', () => {
  tlsIt('TCP links are mutual TLS 1.3 by default, with a CA and a certificate per node made for the run', () => {
    const dir = fresh();
    const r = interleave('run', ...small, '--dir', dir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^ {2}security {5}links: mutual TLS 1\.3 /m);
    expect(links(dir)).toBe('mutual TLS 1.3');
    expect(statSync(join(dir, 'tls')).mode & 0o777).toBe(0o700);
    for (const n of ['C', 'P1', 'P2', 'P3']) {
      expect(statSync(join(dir, 'tls', `${n}.key`)).mode & 0o777, n).toBe(0o600);
      expect(existsSync(join(dir, 'tls', `${n}.pem`)), n).toBe(true);
    }
    expect(existsSync(join(dir, 'tls', 'ca.key'))).toBe(false);
    expect(r.stdout).toMatch(/operations {3}20 done of 20 begun/);
    // Nothing was refused between honest nodes.
    for (const n of ['C', 'P1', 'P2', 'P3']) expect(readFileSync(join(dir, `${n}.out`), 'utf8'), n).not.toMatch(/refused a TLS connection|whose certificate is/);
    expect(interleave('validate', dir).code).toBe(0);
  }, 60_000);

  tlsIt('a live cluster refuses openssl s_client without a certificate, and with P2\'s certificate saying hello as C', async () => {
    const dir = fresh();
    const run = spawn(process.execPath, [CLI, 'run', 'twophase-log', '--param', 'txs=200', '--duration', '3s', '--dir', dir, '--quiet'], { stdio: 'ignore' });
    const exited = new Promise<void>((r) => run.once('exit', () => r()));
    const out = (n: string) => (existsSync(join(dir, `${n}.out`)) ? readFileSync(join(dir, `${n}.out`), 'utf8') : '');
    const start = Date.now();
    while (!/listening on/.test(out('P1'))) {
      if (Date.now() - start > 20_000) throw new Error('P1 never listened');
      await new Promise((r) => setTimeout(r, 50));
    }
    const p1 = (JSON.parse(readFileSync(join(dir, 'run.json'), 'utf8')) as { nodes: { name: string; address: string }[] }).nodes.find((n) => n.name === 'P1')!.address;
    const hello = Buffer.concat([encodeFrame(encodeHello('C')), encodeFrame(Uint8Array.of(1, 2, 3))]);
    // Both at once, while the cluster runs; each is stopped after 3 s if the node has not closed it by then.
    const sClient = (args: string[]) =>
      new Promise<void>((resolve) => {
        const p = spawn('openssl', ['s_client', '-connect', p1.replace('tcp://', ''), '-CAfile', join(dir, 'tls', 'ca.pem'), '-quiet', ...args], { stdio: ['pipe', 'ignore', 'ignore'] });
        setTimeout(() => p.stdin.write(hello), 300);
        const timer = setTimeout(() => p.kill('SIGKILL'), 3000);
        p.once('exit', () => (clearTimeout(timer), resolve()));
      });
    await Promise.all([sClient([]), sClient(['-cert', join(dir, 'tls', 'P2.pem'), '-key', join(dir, 'tls', 'P2.key')])]);
    await exited;
    expect(out('P1')).toMatch(/warn P1: refused a TLS connection from 127\.0\.0\.1:\d+: .*certificate/i);
    expect(out('P1')).toMatch(/warn P1: closed connection from unidentified peer at 127\.0\.0\.1:\d+: hello as "C" from a peer whose certificate is P2/);
    // Neither got a message in: the run conforms and nobody refused a message.
    expect(out('P1')).not.toMatch(/refused a message/);
    expect(interleave('validate', dir).code).toBe(0);
  }, 60_000);

  tlsIt('a node whose port is squatted while it is down listens once it is free again, and the squatter gets no frame', async () => {
    const dir = fresh();
    const run = spawn(process.execPath, [CLI, 'run', 'twophase-log', '--param', 'txs=200', '--duration', '5s', '--dir', dir, '--faults', 'kill=P1@1s,restart@300ms'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    run.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    const exited = new Promise<void>((r) => run.once('exit', () => r()));
    const seen: Buffer[] = [];
    const squatter = createServer((s) => {
      s.on('data', (d: Buffer) => seen.push(d));
      s.on('error', () => {});
    });
    // The moment the launcher kills P1, take its port; give it back 1.5 s later, after the restart.
    const squatted = new Promise<void>((resolve, reject) => {
      run.stderr.on('data', (c: Buffer) => {
        if (!/killed P1/.test(c.toString())) return;
        const port = Number(/:(\d+)$/.exec((JSON.parse(readFileSync(join(dir, 'run.json'), 'utf8')) as { nodes: { name: string; address: string }[] }).nodes.find((n) => n.name === 'P1')!.address)![1]);
        // The kill is a signal: the port is free a moment later, when the process is gone.
        const deadline = Date.now() + 250;
        const take = (): void => {
          squatter.once('error', (e) => (Date.now() < deadline ? setTimeout(take, 5) : reject(e)));
          squatter.listen(port, '127.0.0.1', () => setTimeout(() => squatter.close(() => resolve()), 1500));
        };
        take();
      });
    });
    await squatted;
    await exited;
    const out = readFileSync(join(dir, 'P1.out'), 'utf8');
    expect(out).toMatch(/warn P1: cannot listen on tcp:\/\/127\.0\.0\.1:\d+: .*EADDRINUSE.*; retrying with backoff/);
    expect(out).toMatch(/P1: recovered \(incarnation 1\)/);
    expect(stdout).toMatch(/1 kills, 1 restarts/);
    // The other nodes dialed the squatter and got no further than the TLS handshake.
    const all = Buffer.concat(seen);
    expect(all.includes(Buffer.from('ILVT'))).toBe(false);
    // A SIGKILL between a step's log fsync and its trace line leaves the trace one step short: "conforms
    // as far as the traces go" (exit 3) is as good a verdict here as "conforms".
    const v = interleave('validate', dir);
    expect([0, 3], v.stdout + v.stderr).toContain(v.code);
    expect(v.stdout).toMatch(/: conforms/);
  }, 60_000);

  it('--insecure runs plain TCP and says so', () => {
    const dir = fresh();
    const r = interleave('run', ...small, '--dir', dir, '--insecure');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/links: insecure \(plain TCP: any local user can connect and claim to be any node\)/);
    expect(links(dir)).toBe('insecure');
    expect(existsSync(join(dir, 'tls'))).toBe(false);
  }, 60_000);

  it('Unix sockets live in a folder of mode 0700', () => {
    const dir = fresh();
    const r = interleave('run', ...small, '--dir', dir, '--transport', 'unix');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/links: unix sockets \(dir 0700\)/);
    expect(links(dir)).toBe('unix sockets (dir 0700)');
    expect(statSync(join(dir, 'sockets')).mode & 0o777).toBe(0o700);
  }, 60_000);

  tlsIt('--tls-dir takes certificates made beforehand, and refuses a folder without them', () => {
    const certs = fresh();
    createRunCertificates(certs, ['C', 'P1', 'P2', 'P3']);
    const dir = fresh();
    const r = interleave('run', ...small, '--dir', dir, '--tls-dir', certs);
    expect(r.code).toBe(0);
    expect(links(dir)).toBe('mutual TLS 1.3');
    expect(existsSync(join(dir, 'tls'))).toBe(false);

    const partial = fresh();
    createRunCertificates(partial, ['C', 'P1']);
    const bad = interleave('run', ...small, '--dir', fresh(), '--tls-dir', partial);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^interleave: error: --tls-dir .* has no key for node P2 \(expected .*P2\.key, with .*P2\.pem and .*ca\.pem\)\n$/);
  }, 60_000);

  it('without openssl on PATH a TLS run stops at once with one line, exit 2', () => {
    const r = spawnSync(process.execPath, [CLI, 'run', ...small, '--dir', fresh()], { encoding: 'utf8', env: { ...process.env, PATH: fresh() } });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^interleave: error: TLS needs the openssl command, which is not on PATH: .*--tls-dir DIR.*--insecure\n$/);
  });

  it('refuses contradictory link options with one line, exit 2', () => {
    for (const [args, why] of [
      [['--insecure', '--tls-dir', '/tmp'], /--insecure and --tls-dir contradict each other/],
      [['--transport', 'unix', '--insecure'], /--insecure and --tls-dir apply to TCP links/],
    ] as const) {
      const r = interleave('run', ...small, '--dir', fresh(), ...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toMatch(why);
    }
  });
});

/**
 * The certificates of a run: a certificate authority made for the run, and one key and certificate per
 * node, made with the `openssl` command on PATH — or a folder of them made beforehand (`--tls-dir`).
 *
 * A folder holds `ca.pem` (the CA's certificate) and, for each node id, `<id>.key` (its private key, mode
 * 0600) and `<id>.pem` (its certificate, issued by the CA, whose one subject alternative name is
 * `URI:interleave:node/<id>`). The per-run CA signs every node's certificate and its key is then deleted:
 * once the run's certificates exist nobody, not even the run's own user, can make another one that the
 * nodes would accept. Keys are P-256 ECDSA (fast to make: a run's certificates take well under a second).
 *
 * Why `openssl` rather than a package: Node can make keys but not certificates, and the one well-kept
 * pure-JS alternative (node-forge) is a large dependency for a few commands every system with TLS already
 * has; `openssl` is also what an operator uses for a real deployment, so the README's commands are the same.
 *
 * @example
 * ```ts
 * createRunCertificates('runs/1/tls', ['C', 'P1', 'P2']);   // ca.pem, C.key, C.pem, ...
 * checkTlsDir('runs/1/tls', ['C', 'P1', 'P2']);             // throws TlsSetupError if a file is wrong
 * ```
 *
 * @module
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadTlsCredentials, nodeUri, tlsFilesOf } from '../transport/index.js';

/** Thrown when a run's certificates cannot be made or a `--tls-dir` does not hold what the run needs. */
export class TlsSetupError extends Error {
  override readonly name = 'TlsSetupError';
}

/** Days a per-run certificate stays valid: a run is short, but a long soak must not outlive its certificates. */
const DAYS = 30;

/** Runs `openssl ARGS` in `cwd`; throws a one-line {@link TlsSetupError} if it is missing or fails. */
function openssl(cwd: string, args: readonly string[]): void {
  const r = spawnSync('openssl', args, { cwd, encoding: 'utf8' });
  if (r.error) {
    const code = (r.error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new TlsSetupError('TLS needs the openssl command, which is not on PATH: install it (apt-get install openssl), pass --tls-dir DIR with certificates made elsewhere, or run with --insecure');
    throw new TlsSetupError(`openssl ${args[0]} could not run: ${r.error.message}`);
  }
  if (r.status !== 0) {
    const why = (r.stderr ?? '').trim().split('\n').filter((l) => l.trim() !== '').at(-1) ?? `exit ${r.status}`;
    throw new TlsSetupError(`openssl ${args.join(' ').slice(0, 120)} failed: ${why.slice(0, 200)}`);
  }
}

/** Whether the `openssl` command is on PATH. */
export function opensslAvailable(): boolean {
  const r = spawnSync('openssl', ['version'], { encoding: 'utf8' });
  return !r.error && r.status === 0;
}

/**
 * Makes a CA and one key and certificate per node in `dir` (created with mode 0700), with the `openssl`
 * commands the README gives; keys get mode 0600 and the CA's key is deleted once every certificate is
 * signed. Throws {@link TlsSetupError} (one line) if `openssl` is missing or fails, or a node id cannot
 * be certified.
 */
export function createRunCertificates(dir: string, nodes: readonly string[]): void {
  const uris = nodes.map((n) => {
    try {
      return nodeUri(n);
    } catch (e) {
      throw new TlsSetupError((e as Error).message);
    }
  });
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
  const key = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  openssl(dir, ['req', '-x509', ...key, '-keyout', 'ca.key', '-out', 'ca.pem', '-days', String(DAYS), '-subj', '/CN=interleave run CA',
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign']);
  chmodSync(join(dir, 'ca.key'), 0o600);
  try {
    nodes.forEach((n, i) => {
      openssl(dir, ['req', '-new', ...key, '-keyout', `${n}.key`, '-out', `${n}.csr`, '-subj', `/CN=${n}`]);
      chmodSync(join(dir, `${n}.key`), 0o600);
      // The extensions: who the certificate names, and that it is a leaf usable at both ends of a link.
      writeFileSync(join(dir, `${n}.ext`), `subjectAltName=URI:${uris[i]}\nbasicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth,clientAuth\n`);
      openssl(dir, ['x509', '-req', '-in', `${n}.csr`, '-CA', 'ca.pem', '-CAkey', 'ca.key', '-set_serial', `0x${randomBytes(8).toString('hex')}`,
        '-days', String(DAYS), '-extfile', `${n}.ext`, '-out', `${n}.pem`]);
      rmSync(join(dir, `${n}.csr`), { force: true });
      rmSync(join(dir, `${n}.ext`), { force: true });
    });
  } finally {
    rmSync(join(dir, 'ca.key'), { force: true });
  }
}

/**
 * Checks that `dir` holds what each node needs — `ca.pem`, `<id>.key` readable by its owner only,
 * `<id>.pem` naming the node and issued by the CA — and throws a one-line {@link TlsSetupError} naming
 * the first file that is missing or wrong.
 */
export function checkTlsDir(dir: string, nodes: readonly string[]): void {
  for (const n of nodes) {
    const files = tlsFilesOf(dir, n);
    let mode: number;
    try {
      mode = statSync(files.key).mode;
    } catch {
      throw new TlsSetupError(`--tls-dir ${dir} has no key for node ${n} (expected ${files.key}, with ${files.cert} and ${files.ca})`);
    }
    // As ssh does: a private key other users can read is not private, so refuse it rather than use it.
    if ((mode & 0o077) !== 0) throw new TlsSetupError(`${files.key} can be read by other users (mode ${(mode & 0o777).toString(8)}); chmod 600 it`);
    try {
      loadTlsCredentials(dir, n);
    } catch (e) {
      throw new TlsSetupError((e as Error).message);
    }
  }
}

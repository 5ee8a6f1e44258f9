/**
 * The run's folder, made ready before anything starts: created if missing, checked to be a folder this
 * process can write, and checked to hold no earlier run. Every failure is one line ({@link RunDirError})
 * and none can hang.
 *
 * Node's own `mkdirSync(path, { recursive: true })` is not used: on ENOENT it steps back to the parent,
 * and when the parent exists it steps forward again, so a path whose parent exists but cannot hold new
 * folders (`/proc/x`, a dangling symlink) loops forever. Here each missing folder is made once, from the
 * top down, and the first refusal is final.
 *
 * @example
 * ```ts
 * prepareRunDir('runs/2pc');   // creates runs/ and runs/2pc, writes and removes a probe file
 * prepareRunDir('/proc/x');    // RunDirError: cannot use /proc/x as the run's folder: mkdir /proc/x: ENOENT ...
 * ```
 *
 * @module
 */
import { mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { clip } from '../../model/core/index.js';
import { ClusterError } from './errors.js';
import { LOG_SUFFIX, TRACE_SUFFIX } from '../node/nodeFiles.js';

/** A run folder that cannot be used; the message is one line. */
export class RunDirError extends ClusterError {
  override readonly name = 'RunDirError';
}

/** `ENOENT: no such file or directory` from a file-system error, without the path Node appends. */
function reason(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  const text = typeof err?.message === 'string' ? err.message.split(',')[0]! : String(e);
  return err?.code && !text.startsWith(err.code) ? `${err.code}: ${text}` : text;
}

/** Creates `abs` and its missing parents, one mkdir each, top down; throws on the first refusal. */
function makeFolders(abs: string, fail: (why: string) => never): void {
  const missing: string[] = [];
  for (let p = abs; ; p = dirname(p)) {
    let isDir: boolean;
    try {
      isDir = statSync(p).isDirectory();
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      // ENOTDIR: a parent is a file; walking up finds it and says so.
      if ((code === 'ENOENT' || code === 'ENOTDIR') && dirname(p) !== p) {
        missing.push(p);
        continue;
      }
      fail(`${clip(p)}: ${reason(e)}`);
    }
    if (!isDir) fail(`${clip(p)} is a file, not a folder`);
    break;
  }
  for (const p of missing.reverse()) {
    try {
      mkdirSync(p);
    } catch (e) {
      // Made meanwhile by someone else: as good as made here.
      if ((e as NodeJS.ErrnoException).code === 'EEXIST' && statSync(p, { throwIfNoEntry: false })?.isDirectory()) continue;
      fail(`mkdir ${clip(p)}: ${reason(e)}`);
    }
  }
}

/**
 * Makes `dir` ready for a run (see the module documentation) and returns its absolute path; throws a
 * {@link RunDirError} if it cannot be made, is not a folder, cannot be written, or already holds a run.
 */
export function prepareRunDir(dir: string): string {
  const abs = resolve(dir);
  function fail(why: string): never {
    throw new RunDirError(`cannot use ${clip(abs)} as the run's folder: ${why}`);
  }
  makeFolders(abs, fail);
  // Being root or owning the folder is not enough (a read-only mount, an ACL): write a file to know.
  const probe = join(abs, `.interleave-probe-${process.pid}`);
  try {
    writeFileSync(probe, '', { flag: 'wx' });
    rmSync(probe);
  } catch (e) {
    fail(`cannot write in it (${reason(e)})`);
  }
  let entries: string[];
  try {
    entries = readdirSync(abs);
  } catch (e) {
    fail(`cannot list it (${reason(e)})`);
  }
  if (entries.some((f) => f.endsWith(TRACE_SUFFIX) || f.endsWith(LOG_SUFFIX))) {
    throw new RunDirError(`${clip(abs)} already holds a run (traces or logs); use a fresh --dir`);
  }
  return abs;
}

import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** Compiles the project to dist/ once per test run, so end-to-end suites run the real executable. */
export default function setup(): void {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  execFileSync(process.execPath, [fileURLToPath(new URL('../../node_modules/typescript/bin/tsc', import.meta.url)), '-p', 'tsconfig.build.json'], {
    cwd: root,
    stdio: 'inherit',
  });
}

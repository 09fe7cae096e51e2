/** Runs a command to completion with inherited output; rejects with its name when it fails. */
import { spawn } from 'node:child_process';

export function run(command: string, args: string[], opts: { env?: Record<string, string | undefined>; cwd?: string } = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: 'inherit', env: (opts.env ?? process.env) as NodeJS.ProcessEnv, cwd: opts.cwd });
    child.on('error', reject);
    child.on('exit', (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`${[command, ...args].join(' ')} failed (${signal ?? `exit ${code}`})`)),
    );
  });
}

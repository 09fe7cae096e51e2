/** Child processes that live and die together: one failing stops the rest, Ctrl-C stops all. */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import path from 'node:path';

export interface Child {
  name: string;
  proc: ChildProcess;
  exited: Promise<number | null>;
}

export interface Supervisor {
  spawn(name: string, command: string, args: string[], opts?: { env?: Record<string, string | undefined>; cwd?: string; quiet?: boolean }): Child;
  /** Resolves with the first child that exits while we are not stopping. */
  firstExit(): Promise<Child & { code: number | null }>;
  stopAll(): Promise<void>;
}

const COLORS = [36, 35, 33, 32, 34, 31];

/** `logDir`: every child's stdout and stderr are also written to `<logDir>/<name>.log`, quiet or not. */
export function createSupervisor(log: (line: string) => void = (l) => process.stdout.write(`${l}\n`), output: { logDir?: string } = {}): Supervisor {
  const children: Child[] = [];
  const files: WriteStream[] = [];
  if (output.logDir) mkdirSync(output.logDir, { recursive: true });
  let stopping = false;
  let onExit: ((c: Child & { code: number | null }) => void) | null = null;
  const exitedEarly: (Child & { code: number | null })[] = [];

  function prefix(name: string, i: number): string {
    return process.stdout.isTTY ? `\u001b[${COLORS[i % COLORS.length]}m[${name}]\u001b[0m` : `[${name}]`;
  }

  return {
    spawn(name, command, args, opts = {}) {
      // detached: each child leads its own process group, so stopping it also stops its descendants.
      const proc = spawn(command, args, { cwd: opts.cwd, env: (opts.env ?? process.env) as NodeJS.ProcessEnv, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
      const tag = prefix(name, children.length);
      const file = output.logDir ? createWriteStream(path.join(output.logDir, `${name}.log`), { flags: 'a' }) : null;
      if (file) files.push(file);
      const pipe = (stream: NodeJS.ReadableStream | null) => {
        let buffer = '';
        stream?.on('data', (chunk: Buffer) => {
          file?.write(chunk);
          buffer += chunk.toString();
          const lines = buffer.split('\n');
          buffer = lines.pop() ?? '';
          if (!opts.quiet && !stopping) for (const line of lines) if (line.trim()) log(`${tag} ${line}`);
        });
      };
      pipe(proc.stdout);
      pipe(proc.stderr);
      const exited = new Promise<number | null>((resolve) => {
        proc.on('exit', (code) => resolve(code));
        proc.on('error', (err) => {
          log(`${tag} failed to start: ${err.message}`);
          resolve(127);
        });
      });
      const child: Child = { name, proc, exited };
      children.push(child);
      void exited.then((code) => {
        if (stopping) return;
        const entry = { ...child, code };
        if (onExit) onExit(entry);
        else exitedEarly.push(entry);
      });
      return child;
    },

    firstExit() {
      const early = exitedEarly.shift();
      if (early) return Promise.resolve(early);
      return new Promise((resolve) => (onExit = resolve));
    },

    async stopAll() {
      stopping = true;
      for (const child of [...children].reverse()) {
        if (child.proc.exitCode !== null || child.proc.pid === undefined) continue;
        try {
          process.kill(-child.proc.pid, 'SIGTERM');
        } catch {
          /* already gone */
        }
        const timer = setTimeout(() => {
          try {
            process.kill(-child.proc.pid!, 'SIGKILL');
          } catch {
            /* already gone */
          }
        }, 8_000);
        await child.exited;
        clearTimeout(timer);
      }
      await Promise.all(files.map((f) => new Promise((resolve) => f.end(resolve))));
    },
  };
}

// The bench driver's side of the runner protocol: one child process per engine, one request at a time.
import { type ChildProcess, spawn } from 'node:child_process';
import * as readline from 'node:readline';

export type Reply = Record<string, unknown> & { error?: string; unsupported?: string; timedOut?: boolean };

export class Runner {
  private readonly child: ChildProcess;
  private readonly lines: string[] = [];
  private waiting: ((line: string | null) => void) | null = null;
  private stderr = '';
  private closed = false;

  constructor(
    readonly name: string,
    command: string,
    args: string[],
    env: NodeJS.ProcessEnv = {},
  ) {
    this.child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...env } });
    this.child.on('error', (e) => {
      this.stderr += e.message;
      this.finish();
    });
    this.child.on('exit', () => this.finish());
    this.child.stderr!.on('data', (d) => (this.stderr = (this.stderr + d).slice(-2000)));
    readline.createInterface({ input: this.child.stdout! }).on('line', (line) => {
      if (this.waiting) {
        const w = this.waiting;
        this.waiting = null;
        w(line);
      } else this.lines.push(line);
    });
  }

  private finish(): void {
    this.closed = true;
    this.waiting?.(null);
    this.waiting = null;
  }

  /** The next reply line, parsed (an `error` reply when the process died). */
  async next(timeoutMs = 300_000): Promise<Reply> {
    const line =
      this.lines.shift() ??
      (this.closed
        ? null
        : await new Promise<string | null>((resolve) => {
            const timer = setTimeout(() => {
              this.waiting = null;
              resolve(null);
            }, timeoutMs);
            this.waiting = (l) => {
              clearTimeout(timer);
              resolve(l);
            };
          }));
    if (line === null && !this.closed) {
      this.stop(); // busy past the deadline: its late reply would answer the next request
      return { timedOut: true, error: `${this.name}: no reply within ${timeoutMs / 1000} s` };
    }
    if (line === null)
      return { error: `${this.name} exited or timed out${this.stderr ? `: ${this.stderr.trim().split('\n').pop()}` : ''}` };
    try {
      return JSON.parse(line) as Reply;
    } catch {
      return this.next(timeoutMs); // a stray log line from a library
    }
  }

  async request(req: object, timeoutMs?: number): Promise<Reply> {
    if (this.closed) return { error: `${this.name} is not running` };
    this.child.stdin!.write(`${JSON.stringify(req)}\n`);
    return this.next(timeoutMs);
  }

  /** Whether the process is still there (false after it exited or a request timed out and it was stopped). */
  get running(): boolean {
    return !this.closed;
  }

  stop(): void {
    if (!this.closed) this.child.stdin!.end(`${JSON.stringify({ op: 'quit' })}\n`);
    this.closed = true;
    setTimeout(() => this.child.kill(), 2000).unref();
  }
}

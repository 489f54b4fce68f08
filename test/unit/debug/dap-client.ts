// A small DAP client over TCP for tests and the bench: starts `debugpy --listen` on a program, stops at breakpoints, evaluates.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { connect, createServer, type Socket } from 'node:net';

export const PYTHON = '/usr/bin/python3';

interface DapMessage {
  seq: number;
  type: 'request' | 'response' | 'event';
  command?: string;
  event?: string;
  success?: boolean;
  message?: string;
  body?: Record<string, unknown>;
  request_seq?: number;
}

/** Throws (never skips) when the Python with torch and debugpy this feature needs is missing. */
export function requirePython(): void {
  const r = spawnSync(PYTHON, ['-c', 'import torch, numpy, debugpy, PIL'], { encoding: 'utf8' });
  if (r.status !== 0)
    throw new Error(`${PYTHON} with torch, numpy, PIL and debugpy is required for the debugger tests:\n${r.stderr || r.error?.message}`);
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

export class DapClient {
  private seq = 1;
  private buffer = Buffer.alloc(0);
  private readonly waiting = new Map<number, { resolve: (m: DapMessage) => void; reject: (e: Error) => void }>();
  private readonly events: DapMessage[] = [];
  private readonly eventWaiters: Array<{ name: string; resolve: (m: DapMessage) => void }> = [];
  output = '';

  private constructor(
    private readonly socket: Socket,
    readonly process: ChildProcess,
  ) {
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
  }

  /** Starts `python -m debugpy --listen` on the program and connects once it listens. */
  static async launch(program: string, cwd?: string): Promise<DapClient> {
    requirePython();
    const port = await freePort();
    const proc = spawn(PYTHON, ['-m', 'debugpy', '--listen', `127.0.0.1:${port}`, '--wait-for-client', program], {
      cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    proc.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    const deadline = Date.now() + 20_000;
    for (;;) {
      try {
        const socket = await new Promise<Socket>((resolve, reject) => {
          const s = connect(port, '127.0.0.1', () => resolve(s));
          s.on('error', reject);
        });
        const client = new DapClient(socket, proc);
        proc.stdout?.on('data', (d: Buffer) => (client.output += d.toString()));
        return client;
      } catch {
        if (proc.exitCode !== null || Date.now() > deadline) throw new Error(`debugpy did not start: ${stderr}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  }

  /** initialize, attach, breakpoints at the given lines of the program, configurationDone; resolves at the first stop. */
  async start(program: string, lines: number[]): Promise<void> {
    await this.request('initialize', { adapterID: 'debugpy', clientID: 'tensor-lens-test', linesStartAt1: true, columnsStartAt1: true });
    const attached = this.request('attach', { justMyCode: true });
    await this.waitEvent('initialized');
    await this.request('setBreakpoints', { source: { path: program }, breakpoints: lines.map((line) => ({ line })) });
    await this.request('configurationDone', {});
    await attached;
  }

  /** The top frame of the thread that stopped next. */
  async stopped(): Promise<{ threadId: number; frameId: number; line: number }> {
    const ev = await this.waitEvent('stopped');
    const threadId = ev.body?.threadId as number;
    const st = await this.request('stackTrace', { threadId, startFrame: 0, levels: 1 });
    const frame = (st.body?.stackFrames as Array<{ id: number; line: number }>)[0];
    return { threadId, frameId: frame.id, line: frame.line };
  }

  /** DAP evaluate as the extension sends it (repl context, rawString); rejects with the adapter's message. */
  async evaluate(expression: string, frameId: number): Promise<string> {
    const r = await this.request('evaluate', { expression, frameId, context: 'repl', format: { rawString: true } });
    return r.body?.result as string;
  }

  async continue(threadId: number): Promise<void> {
    await this.request('continue', { threadId });
  }

  request(command: string, args: Record<string, unknown>): Promise<DapMessage> {
    const seq = this.seq++;
    const body = JSON.stringify({ seq, type: 'request', command, arguments: args });
    this.socket.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
    return new Promise((resolve, reject) =>
      this.waiting.set(seq, {
        resolve: (m) => (m.success ? resolve(m) : reject(new Error(m.message ?? `${command} failed`))),
        reject,
      }),
    );
  }

  waitEvent(name: string): Promise<DapMessage> {
    const i = this.events.findIndex((e) => e.event === name);
    if (i >= 0) return Promise.resolve(this.events.splice(i, 1)[0]);
    return new Promise((resolve) => this.eventWaiters.push({ name, resolve }));
  }

  async close(): Promise<void> {
    try {
      await Promise.race([this.request('disconnect', { terminateDebuggee: true }), new Promise((r) => setTimeout(r, 2000))]);
    } catch {
      // already gone
    }
    this.socket.destroy();
    if (this.process.exitCode === null) this.process.kill('SIGKILL');
  }

  private onData(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const headerEnd = this.buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const m = /Content-Length: (\d+)/i.exec(this.buffer.subarray(0, headerEnd).toString('ascii'));
      const length = m ? Number(m[1]) : 0;
      if (this.buffer.length < headerEnd + 4 + length) return;
      const msg = JSON.parse(this.buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString('utf8')) as DapMessage;
      this.buffer = this.buffer.subarray(headerEnd + 4 + length);
      this.dispatch(msg);
    }
  }

  private dispatch(msg: DapMessage): void {
    if (msg.type === 'response' && msg.request_seq !== undefined) {
      const w = this.waiting.get(msg.request_seq);
      this.waiting.delete(msg.request_seq);
      w?.resolve(msg);
    } else if (msg.type === 'event') {
      const i = this.eventWaiters.findIndex((w) => w.name === msg.event);
      if (i >= 0) this.eventWaiters.splice(i, 1)[0].resolve(msg);
      else this.events.push(msg);
    }
  }
}

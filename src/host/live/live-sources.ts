// Where live tensors come from: a paused Python program (debug feature) or a notebook's kernel (notebook feature).
// The features register a LiveProvider each; the commands, the Tensors view and the hover ask this router which applies.
import * as vscode from 'vscode';
import type { LiveSession } from '../../core/live/live-session';
import type { LiveEntry, LiveError } from '../../core/protocol/live-tensor';

export type LiveOrigin = 'debug' | 'kernel';

/** One place to evaluate in: the focused frame of a paused program, or a notebook's kernel between two cells. */
export interface LiveTarget {
  origin: LiveOrigin;
  /** Same key, same values: one stop of a debuggee, or one kernel state between two cells. */
  key: string;
  live: LiveSession;
  frameId: number;
  /** "probe_model.py:34" (debug) or "cell [3]" (kernel), when known. */
  where?: string;
  /** Debug: the paused line. */
  line?: number;
  /** Kernel: the execution count the values were read after. */
  cell?: number;
}

export interface LiveProvider {
  readonly origin: LiveOrigin;
  /** Whether the user is looking at this source now (a Jupyter notebook editor is active; a Python debug session runs). */
  claims(): boolean;
  /**
   * The target of the active context, or why there is none. `userAction`: the user asked (a command, a hover), so the
   * provider may ask for access (the Jupyter extension prompts once); refreshes pass false.
   */
  current(userAction: boolean): Promise<LiveTarget | string>;
  /** The target for a hover in this document; undefined when the document is not this provider's. */
  forDocument(document: vscode.TextDocument): Promise<LiveTarget | string> | undefined;
  /** The tensor-like variables of the target (frame locals, or kernel globals with each module's parameters). */
  entries(target: LiveTarget, fresh?: boolean): Promise<LiveEntry[] | LiveError>;
  /** Input expressions for a layer, most recent first (the kernel knows which cell changed what). */
  recent?(target: LiveTarget, exprs: string[]): string[];
  /** Fires when the source's values may have changed (a stop, a continue, a finished cell). */
  readonly onDidChange: vscode.Event<void>;
}

export const NO_SOURCE =
  'no notebook is active and no Python program is paused — open a Jupyter notebook and run a cell, or stop at a breakpoint';

export class LiveSources implements vscode.Disposable {
  private readonly providers: LiveProvider[] = [];
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly disposables: vscode.Disposable[] = [this.changed];
  /** Fires when any source changes (a stop, a continue, a cell run, another notebook focused). */
  readonly onDidChange = this.changed.event;

  constructor() {
    this.disposables.push(vscode.window.onDidChangeActiveNotebookEditor(() => this.changed.fire()));
  }

  add(provider: LiveProvider): vscode.Disposable {
    this.providers.push(provider);
    const sub = provider.onDidChange(() => this.changed.fire());
    this.changed.fire();
    return new vscode.Disposable(() => {
      sub.dispose();
      this.providers.splice(this.providers.indexOf(provider), 1);
    });
  }

  /** Which source the commands use: the active notebook's kernel, else a paused program, else undefined. */
  provider(): LiveProvider | undefined {
    return this.sorted().find((p) => p.claims());
  }

  /** The target for a command (a user action) or why there is none, known before anything is asked of the user. */
  async forCommand(): Promise<LiveTarget | string> {
    const p = this.provider();
    return p ? p.current(true) : NO_SOURCE;
  }

  /** The target for a hover: a notebook cell's kernel, or the debugger for any other Python document. */
  forHover(document: vscode.TextDocument): Promise<LiveTarget | string> | undefined {
    for (const p of this.sorted()) {
      const t = p.forDocument(document);
      if (t) return t;
    }
    return undefined;
  }

  /** The kernel first: a notebook in front wins over a paused program (and a notebook's cells are the kernel's). */
  private sorted(): LiveProvider[] {
    return [...this.providers].sort((a, b) => (a.origin === b.origin ? 0 : a.origin === 'kernel' ? -1 : 1));
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

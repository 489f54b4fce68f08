// Types for scripts/code-server.mjs.
import type { ChildProcess } from 'node:child_process';

export interface CodeServerDirs {
  userDataDir: string;
  extensionsDir: string;
  /** code-server's config.yaml (see writeServerConfig). */
  config: string;
  logFile: string;
}

export interface CodeServerProcess {
  port: number;
  url: string;
  child: ChildProcess;
  logFile: string;
  stop(): Promise<void>;
}

export declare const QUIET_SETTINGS: Record<string, unknown>;
export declare function freePort(): Promise<number>;
export declare function writeUserSettings(userDataDir: string, settings: Record<string, unknown>): void;
export declare function writeServerConfig(file: string): void;
export declare function installVsix(bin: string, vsix: string, dirs: Omit<CodeServerDirs, 'logFile'>): void;
export declare function installUnpackedExtension(folder: string, dirs: Pick<CodeServerDirs, 'extensionsDir'>): void;
export declare function startCodeServer(
  bin: string,
  dirs: CodeServerDirs,
  port?: number,
  options?: { killOnSignal?: boolean },
): Promise<CodeServerProcess>;
export declare function killGroup(child: ChildProcess): Promise<void>;

// Messages every Tensor Lens webview exchanges with the host, whatever its view.

/** Which Lit root element a webview page shows. */
export type ViewKind = 'convolution' | 'training' | 'tensor-file' | 'explore';

/** Sent by the webview once its root element is connected; the host answers with the view's init message. */
export interface ReadyMessage {
  type: 'ready';
  view: ViewKind;
}

/** Sent by the webview to surface a problem in the host's log and, if `show`, to the user. */
export interface LogMessage {
  type: 'log';
  level: 'info' | 'warn' | 'error';
  text: string;
  show?: boolean;
}

/** Asks the host to put text on the clipboard (webviews cannot always do this themselves). */
export interface CopyMessage {
  type: 'copy';
  text: string;
  /** What was copied, for the confirmation toast, e.g. "output as torch.tensor". */
  what: string;
}

export type CommonWebviewMessage = ReadyMessage | LogMessage | CopyMessage;

/** Narrowing helper: true when `value` looks like one of our messages. */
export function isMessage(value: unknown): value is { type: string } {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

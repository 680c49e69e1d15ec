// Wires the contract to ipcMain. Every call goes: sender frame check → parse the arguments from
// `unknown` → run the handler → check the response against the contract → Result. Nothing is ever
// thrown back across IPC (Electron would turn it into an opaque rejection in the renderer).
import type { BrowserWindow, IpcMain, IpcMainInvokeEvent, WebContents, WebFrameMain } from 'electron';
import type { z } from 'zod';
import type { Result } from '../../renderer/core/result';
import { appError, err } from '../../renderer/core/result';
import type { OriginOptions } from '../main/trusted-origin';
import { isAppOrigin } from '../main/trusted-origin';
import { CHANNELS } from './channels';
import type { Channel, ChannelReply, ChannelResponse, ParsedRequest } from './contract';
import { contract } from './contract';
import { ERROR_CODES } from './error-codes';

export type HandlerContext = {
  /** The webContents that asked (already checked to be our window's). */
  sender: WebContents;
};

export type Handler<C extends Channel> = (
  request: ParsedRequest<C>,
  context: HandlerContext,
) => Promise<Result<ChannelResponse<C>>> | Result<ChannelResponse<C>>;

/** One handler per channel: the compiler refuses a map that misses one. */
export type Handlers = { [C in Channel]: Handler<C> };

export type RegisterDeps = {
  /** Our application window; senders from any other webContents are refused. */
  getWindow: () => BrowserWindow | null;
  origin: OriginOptions;
  log?: (message: string) => void;
};

type IpcMainLike = Pick<IpcMain, 'handle'>;

const MAX_DETAIL_ISSUES = 5;

const describeIssues = (error: z.ZodError): string =>
  error.issues
    .slice(0, MAX_DETAIL_ISSUES)
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(arguments)'}: ${issue.message}`)
    .join('; ');

const sameFrame = (a: WebFrameMain, b: WebFrameMain): boolean =>
  a.processId === b.processId && a.routingId === b.routingId;

/**
 * True only for the main frame of our window showing the app: not a subframe, not another window,
 * not a frame that navigated elsewhere, not a frame that is gone (senderFrame null or detached).
 */
export const isTrustedSender = (event: IpcMainInvokeEvent, deps: Pick<RegisterDeps, 'getWindow' | 'origin'>): boolean => {
  const window = deps.getWindow();
  if (!window || window.isDestroyed()) return false;
  // Reading a disposed frame throws in Electron: treat that as untrusted, like a missing frame.
  try {
    const frame = event.senderFrame;
    if (!frame || frame.detached || frame.parent !== null) return false;
    if (event.sender.id !== window.webContents.id || !sameFrame(frame, window.webContents.mainFrame)) return false;
    return isAppOrigin(frame.url, deps.origin);
  } catch {
    return false;
  }
};

const describe = (error: unknown): string => (error instanceof Error ? `${error.name}: ${error.message}` : String(error));

/** The full pipeline for one call, exported for tests; `handle` registers it. */
export const invokeHandler = async <C extends Channel>(
  channel: C,
  impl: Handler<C>,
  deps: RegisterDeps,
  event: IpcMainInvokeEvent,
  args: readonly unknown[],
): Promise<ChannelReply<C>> => {
  const log = deps.log ?? ((message: string) => console.warn(`[ipc] ${message}`));
  try {
    if (!isTrustedSender(event, deps)) {
      log(`${channel}: refused a call from an untrusted sender`);
      return err(appError(ERROR_CODES.untrustedSender));
    }
    const spec = contract[channel];
    // The preload always sends exactly one request object.
    const parsed = args.length === 1 ? spec.request.safeParse(args[0]) : undefined;
    if (!parsed?.success) {
      const detail = parsed ? describeIssues(parsed.error) : `expected 1 argument, received ${args.length}`;
      return err(appError(ERROR_CODES.badArguments, { detail }));
    }
    // The cast only restates what `contract[channel]` already is: TypeScript cannot correlate a
    // generic channel with the indexed schema's output type.
    const reply = await impl(parsed.data as ParsedRequest<C>, { sender: event.sender });
    if (!reply.ok) return reply;
    // A handler that breaks the contract is our bug: report it instead of sending junk to the renderer.
    const checked = spec.response.safeParse(reply.value);
    if (!checked.success) {
      log(`${channel}: response broke the contract: ${describeIssues(checked.error)}`);
      return err(appError(ERROR_CODES.internal, undefined, `response: ${describeIssues(checked.error)}`));
    }
    return reply;
  } catch (error) {
    log(`${channel}: handler failed: ${describe(error)}`);
    return err(appError(ERROR_CODES.internal, undefined, describe(error)));
  }
};

export const handle = <C extends Channel>(ipcMain: IpcMainLike, channel: C, impl: Handler<C>, deps: RegisterDeps): void => {
  ipcMain.handle(channel, (event, ...args: unknown[]) => invokeHandler(channel, impl, deps, event, args));
};

/** Registers exactly the contract's channels; no other channel ever gets a handler. */
export const registerAll = (ipcMain: IpcMainLike, handlers: Handlers, deps: RegisterDeps): void => {
  for (const channel of CHANNELS) registerOne(ipcMain, channel, handlers, deps);
};

// A separate generic function keeps channel and handler correlated for the compiler.
const registerOne = <C extends Channel>(ipcMain: IpcMainLike, channel: C, handlers: Handlers, deps: RegisterDeps): void =>
  handle(ipcMain, channel, handlers[channel], deps);

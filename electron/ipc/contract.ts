// THE IPC contract (ARCHITECTURE §2, STYLE §3): every channel's request and response schema, written
// once. Main parses each request from `unknown` with these schemas and checks each response before it
// leaves; the preload's `Api` type is derived from them, so the two sides cannot drift apart.
import { z } from 'zod';
import type { AppError, Result } from '../../renderer/core/result';
import type { ApiName, Channel } from './channels';
import { API_CHANNELS } from './channels';

const fileFilterSchema = z.strictObject({
  name: z.string().min(1).max(100),
  // '*' is the dialog's "all files"; anything else is a bare extension without the dot.
  extensions: z.array(z.string().regex(/^(\*|[A-Za-z0-9]{1,16})$/)).min(1).max(20),
});

const filtersSchema = z.array(fileFilterSchema).max(20);

const suggestedNameSchema = z.string().min(1).max(255);

// z.custom, not z.instanceof: the latter narrows to Uint8Array<ArrayBuffer>, while IPC and the Host
// interface deal in plain Uint8Array.
const bytesSchema = z.custom<Uint8Array>((value) => value instanceof Uint8Array, { message: 'expected bytes (Uint8Array)' });

const appErrorSchema = z.strictObject({
  code: z.string().min(1),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
  detail: z.string().optional(),
});

const saveOutcomeSchema = z.discriminatedUnion('saved', [
  z.strictObject({ saved: z.literal(true), path: z.string().min(1) }),
  z.strictObject({ saved: z.literal(false) }),
]);

export const contract = {
  'app:info': {
    request: z.strictObject({}),
    response: z.strictObject({ version: z.string(), platform: z.string() }),
  },
  'file:open': {
    request: z.strictObject({ filters: filtersSchema, multiple: z.boolean() }),
    // [] when the user cancels the dialog.
    response: z.strictObject({
      files: z.array(z.strictObject({ name: z.string(), bytes: bytesSchema })),
    }),
  },
  'file:save': {
    request: z.strictObject({ suggestedName: suggestedNameSchema, bytes: bytesSchema, filters: filtersSchema }),
    response: saveOutcomeSchema,
  },
  'checklists:list': {
    request: z.strictObject({}),
    // One unreadable file does not hide the others: it is reported in `failed` instead.
    response: z.strictObject({
      files: z.array(z.strictObject({ fileName: z.string(), text: z.string() })),
      failed: z.array(z.strictObject({ fileName: z.string(), error: appErrorSchema })),
    }),
  },
  'print:pdf': {
    request: z.strictObject({ suggestedName: suggestedNameSchema }),
    response: saveOutcomeSchema,
  },
  'file:reveal': {
    request: z.strictObject({ path: z.string().min(1).max(4096) }),
    response: z.null(),
  },
} as const satisfies Record<Channel, { request: z.ZodType; response: z.ZodType }>;

export type Contract = typeof contract;

/** What the renderer sends (before parsing). */
export type ChannelRequest<C extends Channel> = z.input<Contract[C]['request']>;
/** What main hands to a handler (after parsing). */
export type ParsedRequest<C extends Channel> = z.output<Contract[C]['request']>;
export type ChannelResponse<C extends Channel> = z.output<Contract[C]['response']>;
/** Every reply is a Result: failures travel as values and are never thrown across IPC. */
export type ChannelReply<C extends Channel> = Result<ChannelResponse<C>, AppError>;

// A channel whose request is empty (z.strictObject({}) reads as { [k: string]: never }) takes no argument.
type ApiFunction<C extends Channel> = Record<string, never> extends ChannelRequest<C>
  ? () => Promise<ChannelReply<C>>
  : (request: ChannelRequest<C>) => Promise<ChannelReply<C>>;

/** The preload bridge (`window.api`): one named function per channel. */
export type Api = { [N in ApiName]: ApiFunction<(typeof API_CHANNELS)[N]> };

export { API_CHANNELS };
export type { ApiName, Channel };

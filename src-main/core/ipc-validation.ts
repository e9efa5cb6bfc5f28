/**
 * Validation of every request's argument at the IPC boundary (Electron IPC or the harness's
 * WebSocket): the window is not trusted to send well-formed data. One schema per request channel;
 * the `satisfies` below fails the build when a channel of the contract has no schema or when a
 * schema's output does not match the contract's argument type.
 */
import { z } from 'zod';
import { SESSION_STATUSES, VENDORS } from '../common/model.js';
import type { IpcArg, IpcRequestChannel } from '../common/ipc-contract.js';
import { isRequestChannel } from '../common/ipc-channels.js';
import type { IpcHandlers } from '../common/ipc-channels.js';
import {
  applianceIdSchema,
  applianceNameSchema,
  applianceOptionsSchema,
  baseUrlSchema,
  credentialSchema,
  describeIssue,
  fingerprintSchema,
  isoTimeSchema,
  settingsShape,
} from './config/config-schema.js';

/** The argument type of a request channel (`undefined` for channels without one). */
export type RequestArg<C extends IpcRequestChannel> = IpcArg<C> extends [infer A, ...unknown[]] ? A : undefined;

/** A request whose argument failed validation. The message is short and never echoes the value. */
export class IpcValidationError extends Error {
  override readonly name = 'IpcValidationError';
}

/** JSON transports turn a missing argument into null. */
const noArg = z.union([z.undefined(), z.null()]).transform(() => undefined);
const ref = z.string().min(1).max(300);

const draftSchema = z.strictObject({
  name: applianceNameSchema,
  vendor: z.enum(VENDORS),
  baseUrl: baseUrlSchema,
  username: z.string().trim().min(1, 'a user name is required').max(256),
  password: z.string().min(1).max(1024).optional(),
  credential: credentialSchema.optional(),
  options: applianceOptionsSchema.optional(),
  trustedFingerprint: fingerprintSchema.optional(),
});

const sessionRefSchema = z.strictObject({ applianceId: applianceIdSchema, sessionId: ref });

const jobFlagRequestSchema = z.strictObject({
  applianceId: applianceIdSchema,
  jobId: ref,
  on: z.boolean(),
  until: isoTimeSchema.nullable().optional(),
});

export const REQUEST_ARG_SCHEMAS = {
  'appliances:list': noArg,
  'appliances:add': draftSchema,
  'appliances:update': z.strictObject({ id: applianceIdSchema, draft: draftSchema }),
  'appliances:remove': applianceIdSchema,
  'appliances:test': z.union([
    z.strictObject({ id: applianceIdSchema }),
    z.strictObject({ draft: draftSchema, id: applianceIdSchema.optional() }),
  ]),
  'appliances:probe-certificate': baseUrlSchema,
  'appliances:trust-certificate': z.strictObject({ id: applianceIdSchema, fingerprint256: fingerprintSchema }),
  'appliances:refresh': noArg,
  'sessions:list': z.strictObject({
    applianceId: applianceIdSchema.optional(),
    statuses: z.array(z.enum(SESSION_STATUSES)).max(SESSION_STATUSES.length).optional(),
    jobId: ref.optional(),
    text: z.string().max(200).optional(),
    since: isoTimeSchema.optional(),
    limit: z.number().int().min(1).max(100_000).optional(),
  }),
  'sessions:get': sessionRefSchema,
  'sessions:log': sessionRefSchema.extend({ page: z.number().int().min(0).max(100_000) }),
  'status:snapshot': noArg,
  'notifications:pause': z.strictObject({ until: isoTimeSchema.nullable() }),
  'notifications:mute': jobFlagRequestSchema,
  'notifications:acknowledge': jobFlagRequestSchema,
  'settings:get': noArg,
  'settings:update': z.strictObject(settingsShape).partial(),
  'app:info': noArg,
  'app:open-appliance': applianceIdSchema,
  'app:start-demo': noArg,
} satisfies { readonly [C in IpcRequestChannel]: z.ZodType<RequestArg<C>, unknown> };

/** Validates (and normalises, e.g. fingerprints) the argument of a request; throws `IpcValidationError`. */
export function parseRequestArg<C extends IpcRequestChannel>(channel: C, arg: unknown): RequestArg<C> {
  if (!isRequestChannel(channel)) throw new IpcValidationError('Unknown request channel.');
  const schema: z.ZodType = REQUEST_ARG_SCHEMAS[channel];
  const result = schema.safeParse(arg);
  if (!result.success) throw new IpcValidationError(`Invalid request ${channel}: ${describeIssue(result.error)}`);
  return result.data as RequestArg<C>;
}

/**
 * Validates a request from a transport and calls its handler: what every `ServerTransport.serve`
 * should be given. Unknown channels and bad arguments reject with `IpcValidationError`.
 */
export function dispatchRequest(handlers: IpcHandlers, channel: IpcRequestChannel, arg: unknown): Promise<unknown> {
  try {
    const handler = handlers[channel] as (validated: unknown) => Promise<unknown>;
    return handler(parseRequestArg(channel, arg));
  } catch (e) {
    return Promise.reject(e);
  }
}

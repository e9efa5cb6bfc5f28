/**
 * Validation of every request's argument, once, in the services: whoever calls them (Electron IPC,
 * the browser harness's WebSocket, the CLI) is not trusted to send well-formed data. One schema per
 * request channel; the `satisfies` below fails the build when a channel of the contract has no
 * schema or when a schema's output does not match the contract's argument type.
 */
import { z } from 'zod';
import { RPO_MAX_SEC, RPO_MIN_SEC } from '../../common/duration.js';
import { PDF_PAGE_SIZES, REPORT_FORMATS } from '../../common/compliance-report.js';
import { SESSION_STATUSES } from '../../common/model.js';
import { REPORT_DAYS_MAX } from '../../common/report-period.js';
import { boundsSentence, SETTING_BOUNDS, type BoundedSetting } from '../../common/settings.js';
import { PROTECTION_STATES } from '../../common/snapshot.js';
import { OBJECT_STATES } from '../../common/protected-objects.js';
import { OBJECT_LIST_LIMIT_MAX } from '../../common/object-views.js';
import type { IpcArg, IpcRequestChannel, IpcResult } from '../../common/ipc-contract.js';
import type { IpcHandlers } from '../../common/ipc-channels.js';
import { baseUrlSchema, checkVendorOptions, draftFields, draftIssueSentence, passwordSchema } from '../../common/appliance-rules.js';
import { SESSION_QUERY_LIMIT_MAX } from '../session-query.js';
import { reportMailIssueSentence, reportMailSchema } from '../config/report-mail-schema.js';
import { maintenanceLabelSchema, maintenanceScheduleSchema, maintenanceScopeSchema } from '../config/maintenance-schema.js';
import {
  applianceIdSchema,
  describeIssue,
  exclusionMatchSchema,
  fingerprintSchema,
  isoTimeSchema,
  objectText,
  settingsShape,
} from '../config/config-schema.js';

/** The argument type of a request channel (`undefined` for channels without one). */
export type RequestArg<C extends IpcRequestChannel> = IpcArg<C> extends [infer A, ...unknown[]] ? A : undefined;

/** A request whose argument failed validation. The message is short and never echoes the value. */
export class IpcValidationError extends Error {
  override readonly name = 'IpcValidationError';
}

/** JSON transports turn a missing argument into null. */
const noArg = z.union([z.undefined(), z.null()]).transform(() => undefined);
const ref = z.string().min(1).max(300);

const draftSchema = z
  .strictObject({ ...draftFields, trustedFingerprint: fingerprintSchema.optional() })
  .superRefine((draft, ctx) => checkVendorOptions(draft.vendor, draft.options, ctx));

const sessionRefSchema = z.strictObject({ applianceId: applianceIdSchema, sessionId: ref });

const jobFlagRequestSchema = z.strictObject({
  applianceId: applianceIdSchema,
  jobId: ref,
  on: z.boolean(),
  until: isoTimeSchema.nullable().optional(),
});

const reportScopeSchema = z.strictObject({
  period: z.union([
    z.strictObject({ lastDays: z.number().int().min(1).max(REPORT_DAYS_MAX) }),
    z.strictObject({ from: z.string().max(10), to: z.string().max(10) }),
  ]),
  applianceId: applianceIdSchema.optional(),
});
const complianceQuerySchema = reportScopeSchema.extend({ machineRows: z.number().int().min(0).max(OBJECT_LIST_LIMIT_MAX).optional() });

export const REQUEST_ARG_SCHEMAS = {
  'appliances:list': noArg,
  'appliances:add': draftSchema,
  'appliances:update': z.strictObject({ id: applianceIdSchema, draft: draftSchema }),
  'appliances:remove': applianceIdSchema,
  // The name of an entry that is invalid: it need not meet the rules of a valid name.
  'appliances:discard-set-aside': z.string().min(1).max(2000),
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
    limit: z.number().int().min(1).max(SESSION_QUERY_LIMIT_MAX).optional(),
  }),
  'jobs:list': z.strictObject({
    applianceId: applianceIdSchema.optional(),
    protection: z.array(z.enum(PROTECTION_STATES)).max(PROTECTION_STATES.length).optional(),
  }),
  'jobs:set-rpo': z.strictObject({
    applianceId: applianceIdSchema,
    jobId: ref,
    rpoSec: z.union([z.number().int().min(RPO_MIN_SEC).max(RPO_MAX_SEC), z.null(), z.literal('default')]),
  }),
  'sessions:get': sessionRefSchema,
  'sessions:log': sessionRefSchema.extend({ page: z.number().int().min(0).max(100_000) }),
  'status:snapshot': noArg,
  'reports:compliance': complianceQuerySchema,
  'reports:export': reportScopeSchema.extend({ format: z.enum(REPORT_FORMATS) }),
  'reports:save-pdf': reportScopeSchema.extend({ pageSize: z.enum(PDF_PAGE_SIZES) }),
  'reports:job-band': z.strictObject({ applianceId: applianceIdSchema, jobId: ref, days: z.number().int().min(1).max(REPORT_DAYS_MAX) }),
  'notifications:pause': z.strictObject({ until: isoTimeSchema.nullable() }),
  'notifications:mute': jobFlagRequestSchema,
  'notifications:acknowledge': jobFlagRequestSchema,
  'settings:get': noArg,
  'settings:update': z.strictObject(settingsShape).partial(),
  'source:add-server': z.strictObject({
    url: baseUrlSchema,
    token: z.string().trim().min(1, 'a token is required').max(1024),
    trustedFingerprint: fingerprintSchema.optional(),
  }),
  'source:remove-server': noArg,
  'objects:list': z.strictObject({
    applianceId: applianceIdSchema.optional(),
    states: z.array(z.enum(OBJECT_STATES)).max(OBJECT_STATES.length).optional(),
    text: z.string().max(200).optional(),
    offset: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
    limit: z.number().int().min(1).max(OBJECT_LIST_LIMIT_MAX).optional(),
  }),
  'objects:exclude': z.strictObject({ applianceId: applianceIdSchema.nullable(), match: exclusionMatchSchema }),
  'objects:remove-exclusion': ref,
  'objects:set-rpo': z.strictObject({
    key: objectText,
    rpoSec: z.union([z.number().int().min(RPO_MIN_SEC).max(RPO_MAX_SEC), z.null(), z.literal('default')]),
  }),
  'objects:acknowledge': z.strictObject({ key: objectText, on: z.boolean() }),
  'app:info': noArg,
  'app:open-appliance': applianceIdSchema,
  'app:start-demo': noArg,
  'app:leave-demo': noArg,
  'app:restart-to-update': noArg,
  'maintenance:list': noArg,
  'maintenance:add': z.strictObject({ label: maintenanceLabelSchema, scope: maintenanceScopeSchema, schedule: maintenanceScheduleSchema }),
  'maintenance:remove': z.string().min(1).max(64),
  'report-mail:get': noArg,
  'report-mail:save': z.strictObject({ mail: reportMailSchema, password: passwordSchema.nullable().optional() }),
} satisfies { readonly [C in IpcRequestChannel]: z.ZodType<RequestArg<C>, unknown> };

export type ArgCheck<C extends IpcRequestChannel> =
  { readonly ok: true; readonly value: RequestArg<C> } | { readonly ok: false; readonly issue: string; readonly sentence: string | null };

/** The channels whose argument is (or holds, as `draft`) an appliance draft someone filled in. */
const DRAFT_CHANNELS: ReadonlySet<IpcRequestChannel> = new Set(['appliances:add', 'appliances:update', 'appliances:test']);

/** The issue with the `draft` wrapper of a request taken off its path: it is no field the admin filled in. */
function withoutDraftWrapper(error: z.ZodError): z.ZodError {
  const [first] = error.issues;
  return first?.path[0] === 'draft' ? new z.ZodError([{ ...first, path: first.path.slice(1) }]) : error;
}

/**
 * Validates (and normalises: names, fingerprints) the argument of a request. The issue (`path:
 * message`, for the log) never echoes the value; `sentence` says it to a person, for a draft's fields
 * and the bounded settings.
 */
export function checkRequestArg<C extends IpcRequestChannel>(channel: C, arg: unknown): ArgCheck<C> {
  const schema: z.ZodType = REQUEST_ARG_SCHEMAS[channel];
  const result = schema.safeParse(arg);
  if (result.success) return { ok: true, value: result.data as RequestArg<C> };
  const error = withoutDraftWrapper(result.error);
  const sentence = DRAFT_CHANNELS.has(channel)
    ? draftIssueSentence(error)
    : channel === 'settings:update'
      ? boundsIssueSentence(error)
      : channel === 'report-mail:save'
        ? reportMailIssueSentence(error)
        : null;
  return { ok: false, issue: describeIssue(error), sentence };
}

/** A bounded setting out of its bounds, said as the Settings form says it. */
function boundsIssueSentence(error: z.ZodError): string | null {
  const key = error.issues[0]?.path.at(-1);
  return typeof key === 'string' && Object.hasOwn(SETTING_BOUNDS, key) ? boundsSentence(key as BoundedSetting) : null;
}

const refusedMutation = (message: string) => ({ ok: false as const, message });

/**
 * How a channel whose answer can carry a failure refuses a bad argument: as that failure, so the
 * caller shows one line. Other channels reject with `IpcValidationError`.
 */
const REFUSALS: { readonly [C in IpcRequestChannel]?: (message: string) => IpcResult<C> } = {
  'appliances:add': refusedMutation,
  'appliances:update': refusedMutation,
  'appliances:remove': refusedMutation,
  'appliances:discard-set-aside': refusedMutation,
  'appliances:trust-certificate': refusedMutation,
  'appliances:test': (message) => ({ ok: false, reason: 'refused', message }),
  'appliances:probe-certificate': (message) => ({ certificate: null, trustedBySystem: false, message }),
  'sessions:log': refusedMutation,
  'reports:compliance': refusedMutation,
  'reports:export': refusedMutation,
  'reports:save-pdf': refusedMutation,
  'reports:job-band': refusedMutation,
  'jobs:set-rpo': refusedMutation,
  'objects:exclude': refusedMutation,
  'objects:remove-exclusion': refusedMutation,
  'objects:set-rpo': refusedMutation,
  'objects:acknowledge': refusedMutation,
  'settings:update': refusedMutation,
  'app:start-demo': refusedMutation,
  'app:leave-demo': refusedMutation,
  'source:add-server': refusedMutation,
  'source:remove-server': refusedMutation,
  'maintenance:add': refusedMutation,
  'maintenance:remove': refusedMutation,
  'report-mail:get': refusedMutation,
  'report-mail:save': refusedMutation,
};

/** A refusal in words: the field's own sentence when there is one, else where the value is wrong. */
function refusalMessage(channel: IpcRequestChannel, check: Extract<ArgCheck<IpcRequestChannel>, { ok: false }>): string {
  return check.sentence ?? `Invalid ${channel === 'settings:update' ? 'setting' : 'value'}: ${check.issue}.`;
}

/** The handlers behind a check of every argument: what the services hand to every caller. */
export function validatedHandlers(handlers: IpcHandlers): IpcHandlers {
  const checked: Partial<Record<IpcRequestChannel, (arg: unknown) => Promise<unknown>>> = {};
  for (const channel of Object.keys(REQUEST_ARG_SCHEMAS) as IpcRequestChannel[]) {
    const handler = handlers[channel] as (validated: unknown) => Promise<unknown>;
    const refuse = REFUSALS[channel] as ((message: string) => unknown) | undefined;
    checked[channel] = async (arg) => {
      const check = checkRequestArg(channel, arg);
      if (check.ok) return handler(check.value);
      if (refuse) return refuse(refusalMessage(channel, check));
      throw new IpcValidationError(`Invalid request ${channel}: ${check.issue}`);
    };
  }
  return checked as unknown as IpcHandlers;
}

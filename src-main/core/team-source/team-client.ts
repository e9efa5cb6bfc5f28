/**
 * The desktop's side of the team API of `backwatch serve`: the GETs that resync the mirror, the
 * event stream, the POSTs of acknowledge and mute, and the maintenance windows. It goes through the project's one HTTP
 * client, so the server's certificate is verified like an appliance's (its pin, or the system CAs).
 */
import { READ_ONLY_TOKEN_WORDS } from '../../common/team-words.js';
import type { z } from 'zod';
import type { JobFlagRequest, JobView, MaintenanceDraft, MaintenanceWindowView } from '../../common/ipc-contract.js';
import type { MaintenanceWindow } from '../../common/maintenance.js';
import type { ObjectAcknowledgeRequest, ObjectList, ObjectQuery } from '../../common/object-views.js';
import type { Session } from '../../common/model.js';
import type { StatusSnapshot } from '../../common/snapshot.js';
import {
  jobViewsSchema,
  maintenanceWindowSchema,
  maintenanceWindowViewsSchema,
  sessionsSchema,
  statusSnapshotSchema,
} from '../../common/team-wire.js';
import { objectListSchema } from '../../common/team-wire-objects.js';
import { isConnectorError } from '../http/errors.js';
import { createHttpClient, type HttpResponse, type HttpStats } from '../http/http-client.js';
import type { HttpRequest } from '../http/http-types.js';
import { bodyExcerpt } from '../http/redact.js';
import type { TeamServerSource } from '../../common/settings.js';
import type { Logger } from '../logger.js';

/** What the server answered instead of the data, in words for the admin. */
export class TeamServerRefusal extends Error {
  override readonly name = 'TeamServerRefusal';
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

/**
 * The server answered, but not in the team API's shape this version reads (another version, or
 * not a Backwatch server at all): nothing of it is taken.
 */
export class TeamServerMisunderstood extends Error {
  override readonly name = 'TeamServerMisunderstood';
  constructor(
    url: string,
    /** Where the answer departs from the shape (`appliances.0.health`), for the log. */
    readonly where: string,
  ) {
    super(`The Backwatch server at ${url} answered in a form this version does not understand.`);
  }
}

/** `text` read as JSON of `schema`'s shape; throws `TeamServerMisunderstood` otherwise. */
export function readWire<T>(schema: z.ZodType<T>, text: string, url: string): T {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new TeamServerMisunderstood(url, 'not JSON');
  }
  const read = schema.safeParse(value);
  if (read.success) return read.data;
  const issue = read.error.issues[0];
  throw new TeamServerMisunderstood(url, issue ? `${issue.path.join('.') || '(the answer)'}: ${issue.code}` : 'unknown');
}

export interface TeamClient {
  /** The GETs throw `TeamServerMisunderstood` for an answer not in the team API's shape. */
  status(): Promise<StatusSnapshot>;
  jobs(): Promise<readonly JobView[]>;
  sessions(limit: number): Promise<readonly Session[]>;
  /** The server's protected objects, asked as the Machines view asks (`GET /api/v1/objects`). */
  objects(query: ObjectQuery): Promise<ObjectList>;
  /** Acknowledges or mutes a job, or acknowledges a machine, on the server, for the whole team. Throws `TeamServerRefusal`. */
  flag<K extends keyof TeamFlags>(kind: K, flag: TeamFlags[K]): Promise<void>;
  /** The server's maintenance windows: any token reads them, an operate token changes them. */
  maintenance(): Promise<readonly MaintenanceWindowView[]>;
  addMaintenance(draft: MaintenanceDraft): Promise<MaintenanceWindow>;
  removeMaintenance(id: string): Promise<void>;
  /** Opens the event stream; its text arrives chunk by chunk until the server or `signal` ends it. */
  events(signal: AbortSignal): Promise<AsyncIterable<string>>;
  /** The server's address, as configured. */
  readonly url: string;
  readonly stats: HttpStats;
  close(): Promise<void>;
}

/** What a desktop flags on the server, by the path of its POST under `/api/v1/`. */
export interface TeamFlags {
  readonly acknowledge: JobFlagRequest;
  readonly mute: JobFlagRequest;
  readonly 'objects/acknowledge': ObjectAcknowledgeRequest;
}

export interface TeamClientOptions {
  readonly source: TeamServerSource;
  /** The token, looked up when a request is sent (the keychain may be slow or locked). */
  readonly token: () => Promise<string>;
  readonly log: Logger;
  /** Nothing for this long on the stream (the server's keep-alive comes every 25 s) means it is gone. */
  readonly idleMs?: number;
}

const STREAM_IDLE_MS = 60_000;

/** The refusal of a non-2xx answer, in the server's own words when it gave some. */
function refusalOf(response: Pick<HttpResponse, 'status' | 'text'>, host: string): TeamServerRefusal {
  const said = (() => {
    try {
      return bodyExcerpt(String((JSON.parse(response.text) as { error?: unknown }).error ?? ''));
    } catch {
      return bodyExcerpt(response.text);
    }
  })();
  const { status } = response;
  if (status === 401)
    return new TeamServerRefusal(`The Backwatch server ${host} refused the token: add the server again with a valid one.`, status);
  if (status === 403) return new TeamServerRefusal(READ_ONLY_TOKEN_WORDS, status);
  if (status === 429)
    return new TeamServerRefusal(`The Backwatch server ${host} refuses this address for a while after failed attempts.`, status);
  return new TeamServerRefusal(`The Backwatch server ${host} answered HTTP ${status}${said ? `: ${said}` : ''}`, status);
}

/**
 * A pinned server that presents another certificate changed it (or someone stands in between):
 * said as such, whatever TLS error code the mismatch surfaced as.
 */
function changedCertificate(error: unknown, source: TeamServerSource, host: string): unknown {
  if (!source.certificate || !isConnectorError(error) || error.kind !== 'untrusted_certificate') return error;
  const now = error.extra.certificate?.fingerprint256;
  return new TeamServerRefusal(
    `The certificate of the Backwatch server ${host} changed since you trusted it${now ? ` (it now presents SHA-256 ${now})` : ''}: compare it with the server's, then add the server again.`,
    0,
  );
}

export function createTeamClient(options: TeamClientOptions): TeamClient {
  const { source, token } = options;
  const host = new URL(source.url).host;
  const client = createHttpClient({
    baseUrl: source.url,
    ...(source.certificate ? { pin: source.certificate } : {}),
    log: options.log,
    userAgent: 'Backwatch desktop',
  });
  // Every call, so a changed certificate is named as such wherever it shows.
  const worded =
    <A extends unknown[], T>(call: (...args: A) => Promise<T>) =>
    (...args: A): Promise<T> =>
      call(...args).catch((error: unknown) => {
        throw changedCertificate(error, source, host);
      });
  const http = { request: worded(client.request), stream: worded(client.stream) };
  const authorization = async () => ({ authorization: `Bearer ${await token()}` });

  const get = async <T>(schema: z.ZodType<T>, path: string, query?: HttpRequest['query']): Promise<T> => {
    const response = await http.request({ path, headers: await authorization(), ...(query ? { query } : {}) });
    if (response.status !== 200) throw refusalOf(response, host);
    return readWire(schema, response.text, source.url);
  };

  /** Sends `body`; resolves to the answer's text when the server answered `expected`. */
  const post = async (path: string, body: HttpRequest['body'], expected: number): Promise<string> => {
    const response = await http.request({ method: 'POST', path, headers: await authorization(), body });
    if (response.status !== expected) throw refusalOf(response, host);
    return response.text;
  };

  return {
    status: () => get(statusSnapshotSchema, '/api/v1/status'),
    jobs: () => get(jobViewsSchema, '/api/v1/jobs'),
    sessions: (limit) => get(sessionsSchema, '/api/v1/sessions', { limit }),
    objects: (query) =>
      get(objectListSchema, '/api/v1/objects', {
        appliance: query.applianceId,
        state: query.states,
        text: query.text,
        offset: query.offset,
        limit: query.limit,
      }),
    async flag(kind, flag) {
      await post(`/api/v1/${kind}`, flag, 200);
    },
    maintenance: () => get(maintenanceWindowViewsSchema, '/api/v1/maintenance'),
    addMaintenance: async (draft) => readWire(maintenanceWindowSchema, await post('/api/v1/maintenance', draft, 201), source.url),
    async removeMaintenance(id) {
      await post('/api/v1/maintenance/remove', { id }, 200);
    },
    async events(signal) {
      const answer = await http.stream({
        path: '/api/v1/events',
        headers: { ...(await authorization()), accept: 'text/event-stream' },
        idleMs: options.idleMs ?? STREAM_IDLE_MS,
        signal,
      });
      if (answer.status === 200) return answer.chunks;
      let text = '';
      for await (const chunk of answer.chunks) if ((text += chunk).length > 4096) break;
      throw refusalOf({ status: answer.status, text }, host);
    },
    url: source.url,
    stats: client.stats,
    close: () => client.close(),
  };
}

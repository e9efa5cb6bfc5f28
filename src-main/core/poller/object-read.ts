/**
 * The object read of one appliance: what it backs up and, for a virtualization manager, what
 * exists. It runs inside a poll but on its own slower interval (and right after a run of a job
 * that covers objects ends), never in every poll. A failed read is one line on the appliance; the
 * last good read is kept, so a blip does not make every machine look unprotected.
 */
import type { Session } from '../../common/model.js';
import { isActiveStatus } from '../../common/model.js';
import type { ApplianceObjects } from '../../common/object-views.js';
import type { Settings } from '../../common/settings.js';
import type { Connector } from '../connectors/connector.js';
import { isConnectorError } from '../http/errors.js';
import type { Logger } from '../logger.js';

/** How often a demo appliance's objects are read, seconds: the demo's schedules are compressed. */
export const DEMO_OBJECT_READ_SEC = 30;
const MESSAGE_MAX = 300;

/** What an appliance's object reads need from its watch. */
export interface ObjectWatch {
  readonly appliance: { readonly name: string; readonly demo?: true };
  readonly connector: Pick<Connector, 'readObjects'>;
  /** The last good read and how the latest went; undefined until a read was tried. */
  objects: ApplianceObjects | undefined;
  /** When the next read is due, epoch ms (0: at the next good poll). */
  objectsDueAt: number;
}

/** Whether this poll reads objects: their interval is up, or a run of a job that covers some just ended. */
export function objectReadDue(w: ObjectWatch, changed: readonly Session[], now: number): boolean {
  if (w.connector.readObjects === undefined) return false;
  if (now >= w.objectsDueAt) return true;
  const ended = changed.filter((s) => !isActiveStatus(s.status));
  if (ended.length === 0 || w.objects === undefined) return false;
  const covering = new Set(w.objects.backedUp.flatMap((o) => o.jobIds));
  return ended.some((s) => covering.has(s.jobId));
}

function intervalMs(w: ObjectWatch, settings: Settings): number {
  return (w.appliance.demo ? DEMO_OBJECT_READ_SEC : settings.objectReadIntervalMin * 60) * 1000;
}

/** One line for the admin, whatever the error held. */
function oneLine(error: unknown): string {
  const message = isConnectorError(error) ? error.message : `Unexpected error: ${(error as Error)?.message ?? String(error)}`;
  const line = message.replace(/\s+/g, ' ').trim();
  return line.length > MESSAGE_MAX ? `${line.slice(0, MESSAGE_MAX - 1)}…` : line;
}

/** Reads the objects into the watch; a failure keeps the last good read beside its message. Only a cancel throws. */
export async function readObjectsInto(
  w: ObjectWatch,
  deps: { readonly now: () => number; readonly settings: () => Settings; readonly log: Logger },
  signal: AbortSignal,
): Promise<void> {
  const read = w.connector.readObjects;
  if (read === undefined) return;
  w.objectsDueAt = deps.now() + intervalMs(w, deps.settings());
  try {
    const found = await read.call(w.connector, signal);
    w.objects = { backedUp: found.backedUp, inventory: found.inventory, readAt: new Date(deps.now()).toISOString(), error: null };
  } catch (error) {
    if (isConnectorError(error) && error.kind === 'canceled') throw error;
    const message = oneLine(error);
    deps.log.info(`Object read of ${w.appliance.name} failed: ${message}`);
    const last = w.objects;
    w.objects = {
      backedUp: last?.backedUp ?? [],
      inventory: last?.inventory ?? [],
      readAt: last?.readAt ?? null,
      error: `Its machines could not be read: ${message}`,
    };
  }
}

/**
 * The VB365 simulator's objects, as v7 and v8 document them: one backup repository
 * (`/BackupRepositories`), what it holds with each object's newest backup time
 * (`/BackupRepositories/{id}/UserData`, `SiteData`, `TeamData`: a user's mailbox, archive and
 * OneDrive come from the jobs that name the address, `OneDrive - address` and `In-Place Archive -
 * address`), and each run's per-object results (`/JobSessions/{id}/ProcessedObjects`).
 */
import type { Scenario, ScenarioSession } from '../sim/scenario.js';
import type { ScenarioObject } from '../sim/scenario-objects.js';
import { scenarioObjects } from '../sim/scenario-objects.js';
import { guidOf, vbTime } from './vb365-render.js';

export const VB365_REPOSITORY_ID = guidOf('repository/default');
const ORGANIZATION_ID = guidOf('organization/contoso');
const PROXY_ID = guidOf('proxy/default');

type Part = 'mailbox' | 'archive' | 'oneDrive';

/** What a resource name is: a part of a user (by address), a site (by URL) or a team; null for anything else. */
function objectOf(resource: string): { type: 'User'; address: string; part: Part } | { type: 'Site' | 'Team'; id: string } | null {
  if (resource.startsWith('https://')) return { type: 'Site', id: guidOf(`site/${resource}`) };
  const user = /^(?:(OneDrive|In-Place Archive) - )?([^\s@]+@[^\s@]+)$/.exec(resource);
  if (user) return { type: 'User', address: user[2]!, part: user[1] === 'OneDrive' ? 'oneDrive' : user[1] ? 'archive' : 'mailbox' };
  if (resource.startsWith('\\')) return null;
  return { type: 'Team', id: guidOf(`team/${resource}`) };
}

const userId = (address: string): string => guidOf(`user/${address}`);
const displayNameOf = (address: string): string =>
  (address.split('@')[0] ?? address)
    .split('.')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join(' ');

const newest = (o: ScenarioObject | undefined): number | null => o?.points.at(-1)?.createdAt ?? null;

const STATUS: Readonly<Record<string, string>> = { succeeded: 'Success', warning: 'Warning', failed: 'Failed' };

export class Vb365Objects {
  constructor(private readonly scenario: Scenario) {}

  /** The API version asked for: v7 items carry `isDeleted` and `proxyId`, which v8 dropped. */
  version = 8;

  #time(ms: number | null): string | null {
    return ms === null ? null : vbTime(ms, ms % 997);
  }

  #common() {
    const ids = { repositoryId: VB365_REPOSITORY_ID, organizationId: ORGANIZATION_ID, backedUpOrganizationId: ORGANIZATION_ID };
    return this.version < 8 ? { ...ids, isDeleted: false, proxyId: PROXY_ID } : ids;
  }

  repositories(): Record<string, unknown>[] {
    return [
      {
        id: VB365_REPOSITORY_ID,
        name: 'Default Backup Repository',
        description: '',
        path: 'C:\\VeeamRepository',
        isOutdated: false,
        isOutOfSync: false,
        isIndexed: true,
        isMigrationLocked: false,
        isOutOfOrder: false,
      },
    ];
  }

  /** What repository `id` holds of a kind (`UserData`, `SiteData`, `TeamData`); null for no such list. */
  held(id: string, kind: string): Record<string, unknown>[] | null {
    if (id !== VB365_REPOSITORY_ID) return null;
    const lower = kind.toLowerCase();
    if (lower === 'userdata') return this.userData();
    return lower === 'sitedata' ? this.data('Site') : lower === 'teamdata' ? this.data('Team') : null;
  }

  /** One entry per user: the newest time of each part its jobs back up, null for a part they do not. */
  userData(): Record<string, unknown>[] {
    const parts = new Map<string, Partial<Record<Part, ScenarioObject>>>();
    for (const o of scenarioObjects(this.scenario)) {
      const what = objectOf(o.name);
      if (what?.type !== 'User') continue;
      parts.set(what.address, { ...parts.get(what.address), [what.part]: o });
    }
    return [...parts].map(([address, p]) => ({
      id: userId(address),
      itemType: 'User',
      ...this.#common(),
      accountId: guidOf(`account/${address}`),
      displayName: displayNameOf(address),
      email: address,
      accountType: 'User',
      mailboxBackedUpTime: this.#time(newest(p.mailbox)),
      archiveBackedUpTime: this.#time(newest(p.archive)),
      oneDriveBackedUpTime: this.#time(newest(p.oneDrive)),
      personalSiteBackedUpTime: null,
      isMailboxBackedUp: newest(p.mailbox) !== null,
      isArchiveBackedUp: newest(p.archive) !== null,
      isOneDriveBackedUp: newest(p.oneDrive) !== null,
      isPersonalSiteBackedUp: false,
      oneDriveUrl: [],
      personalSiteUrl: [],
    }));
  }

  /** Sites (`type` Site) or teams (`type` Team) with their newest backup time. */
  data(type: 'Site' | 'Team'): Record<string, unknown>[] {
    return scenarioObjects(this.scenario).flatMap((o) => {
      const what = objectOf(o.name);
      if (what?.type !== type) return [];
      const title = type === 'Site' ? { title: o.name.split('/').pop() ?? o.name, url: o.name } : { displayName: o.name };
      return [{ id: what.id, itemType: type, ...this.#common(), ...title, backedUpTime: this.#time(newest(o)) }];
    });
  }

  /** The objects a finished run processed, with how each ended. */
  processedObjects(s: ScenarioSession): Record<string, unknown>[] {
    return this.scenario.resourcesOf(s).flatMap((r) => {
      const what = objectOf(r.name);
      const status = STATUS[r.state];
      if (!what || !status) return [];
      return [{ id: what.type === 'User' ? userId(what.address) : what.id, type: what.type, status }];
    });
  }
}

/**
 * The Machines view's sentences: the coverage of an inventory ("42 of 44 VMs in vcenter-prod are
 * protected; web-old-01 and test-07 are in no backup"), why an object is in its state, and what an
 * exclusion rule leaves out. Pure: `now` is passed in.
 */
import { formatRpo } from '../../src-main/common/duration.js';
import { coarseDistance, countOf, formatRelative } from '../../src-main/common/format.js';
import type { ExclusionRule } from '../../src-main/common/object-coverage.js';
import { objectProblemDetail, objectProblemTitle } from '../../src-main/common/object-words.js';
import type { InventoryCoverageView, ObjectView } from '../../src-main/common/object-views.js';
import type { ObjectKind } from '../../src-main/common/protected-objects.js';
import { toMs } from '../../src-main/common/time.js';

/** Names said in full before "and 4 more". */
const NAMED_AT_MOST = 3;

/** "a", "a and b", "a, b and c", "a, b, c and 4 more"; `total` counts names the list may not hold. */
export function namesWithMore(names: readonly string[], total: number): string {
  const said = names.slice(0, NAMED_AT_MOST);
  const more = Math.max(0, total - said.length);
  if (said.length === 0) return countOf(total, 'VMs');
  const items = more > 0 ? [...said, `${more} more`] : said;
  return items.length === 1 ? items[0]! : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

const are = (count: number): string => (count === 1 ? 'is' : 'are');

/**
 * One inventory's coverage in a sentence. `objects` names the unprotected VMs it lists (those the
 * window holds: a partial list still counts the rest).
 */
export function coverageSentence(coverage: InventoryCoverageView, objects: readonly ObjectView[]): string {
  const { unprotected, at_risk: atRisk, protected: safe, excluded } = coverage.counts;
  const inPlay = unprotected + atRisk + safe;
  const where = coverage.applianceName;
  const parts: string[] = [];
  if (inPlay === 0) parts.push(excluded > 0 ? `All ${countOf(excluded, 'VMs')} in ${where} are excluded` : `${where} lists no VM`);
  else parts.push(`${safe} of ${countOf(inPlay, 'VMs')} in ${where} ${are(safe)} protected`);
  if (unprotected > 0) {
    const names = objects.filter((o) => o.state === 'unprotected' && o.inventory?.applianceId === coverage.applianceId).map((o) => o.name);
    parts.push(`${namesWithMore(names, unprotected)} ${are(unprotected)} in no backup`);
  }
  if (atRisk > 0) parts.push(`${atRisk} at risk`);
  if (inPlay > 0 && excluded > 0) parts.push(`${excluded} excluded`);
  return parts.join('; ');
}

/** The newest time among ISO times, null when none parses. */
function newest(times: readonly (string | null)[]): string | null {
  let best: string | null = null;
  for (const time of times) if (toMs(time) !== null && (best === null || toMs(time)! > toMs(best)!)) best = time;
  return best;
}

/** Why an object is in its state, cause first, for its row and its page. */
export function objectReason(object: ObjectView, now: number): string {
  const good = object.lastGoodPoint;
  switch (object.state) {
    case 'unprotected':
      return object.inventory ? `In no backup; ${object.inventory.applianceName} lists it` : 'In no backup';
    case 'excluded':
      return 'Excluded by a rule: not judged, still listed';
    case 'protected':
      return `Newest good restore point ${formatRelative(good, now)}`;
  }
  const age = toMs(good) === null ? null : coarseDistance(Math.max(0, now - toMs(good)!));
  if (object.reason === 'last_run_failed') {
    const failed = newest(object.backups.map((b) => b.lastFailure));
    return `Its newest backup failed ${formatRelative(failed, now)}${age === null ? '' : `; the newest good point is ${age} old`}`;
  }
  if (object.reason === 'point_too_old' && age !== null)
    return `No restore point within ${formatRpo(object.rpoSec)}: the newest is ${age} old`;
  return 'No good restore point yet';
}

/** What a rule leaves out and where: "Name matches test-* · everywhere". */
export function exclusionWords(rule: ExclusionRule, applianceName: (id: string) => string, objectName: (key: string) => string): string {
  const { match } = rule;
  const what =
    match.kind === 'name'
      ? `Name matches ${match.pattern}`
      : match.kind === 'folder'
        ? `In folder ${match.folder}`
        : match.kind === 'tag'
          ? `Tagged ${match.tag}`
          : `The object ${objectName(match.key)}`;
  return `${what} · ${rule.applianceId === null ? 'everywhere' : `on ${applianceName(rule.applianceId)}`}`;
}

const KIND_WORDS: Readonly<Record<ObjectKind, string>> = {
  vm: 'VM',
  computer: 'Computer',
  database: 'Database',
  user: 'Microsoft 365 user',
  site: 'Site',
  team: 'Team',
  group: 'Group',
  configuration: 'Configuration',
  other: 'Object',
};

/** What kind of object it is, capitalised: "VM", "Microsoft 365 user". */
export function kindWord(kind: ObjectKind): string {
  return KIND_WORDS[kind];
}

/** How its backups were matched with what an inventory lists. */
export function matchWords(object: ObjectView): string {
  if (object.inventory === null) return 'No inventory lists it';
  if (object.backups.length === 0) return 'Listed by its inventory; no backup names it';
  return object.matchedBy === 'name'
    ? 'By name only: the backup gives no platform ids, and one VM in the inventory bears this name'
    : 'By its platform ids (instance and managed object id)';
}

/**
 * A machine's page opens with what is wrong, in the words its notification used ("web-prod-02 has
 * no restore point within 26 h"), then where it stands; null for a protected or excluded machine.
 */
export function problemLead(object: ObjectView, now: number): { readonly title: string; readonly detail: string } | null {
  const { state } = object;
  if (state !== 'unprotected' && state !== 'at_risk') return null;
  const problem = { ...object, state };
  const where =
    state === 'unprotected'
      ? (object.inventory?.applianceName ?? 'An inventory')
      : [...new Set(object.backups.map((b) => b.applianceName))].join(', ') || 'no appliance';
  return { title: objectProblemTitle(problem), detail: objectProblemDetail(problem, where, now) };
}

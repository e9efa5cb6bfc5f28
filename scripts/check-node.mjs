#!/usr/bin/env node
// Checks that the Node running it is one package.json's `engines.node` accepts (a `>=X.Y.Z` range),
// so that CI on the wrong Node stops with one clear line instead of a failed install or odd tests.
// Reads package.json in the current folder; no dependency, as it runs before `npm ci`.
import { readFileSync } from 'node:fs';

const wanted = String(JSON.parse(readFileSync('package.json', 'utf8')).engines?.node ?? '');
const floor = /^>=\s*(\d+)(?:\.(\d+))?(?:\.(\d+))?$/.exec(wanted.trim());
if (!floor) {
  console.error(`package.json's engines.node is "${wanted}": this check reads only a ">=X.Y.Z" range.`);
  process.exit(1);
}
const need = floor.slice(1).map((part) => Number(part ?? 0));
const have = process.versions.node.split('.').map(Number);
// The first part that differs decides: 20.19.0 against 20.20.2 is decided by 19 < 20.
const differs = need.findIndex((part, i) => have[i] !== part);
if (differs !== -1 && have[differs] < need[differs]) {
  console.error(`Node ${process.versions.node} is too old: Backwatch needs Node ${wanted} (package.json engines).`);
  process.exit(1);
}

#!/usr/bin/env node
// Run by hand when a vendor document changes: `node scripts/extract-vendor-schemas.mjs <specs-dir>`.
// Copies from the vendors' OpenAPI documents (a folder of them, which a fresh clone lacks) into tests/fixtures/vendor-schemas/ only what the conformance tests check: the response
// schemas of the endpoints the connectors call, with the components they reference, recursively,
// and no prose. One JSON per document; the tests read these copies, never the documents.
import { readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
if (process.argv[2] === undefined) {
  console.error("Usage: node scripts/extract-vendor-schemas.mjs <folder of the vendors' OpenAPI documents>");
  process.exit(64);
}
const specs = resolve(process.argv[2]);
const out = join(root, 'tests', 'fixtures', 'vendor-schemas');

/** The calls the connectors make, per document family; `{v}` is the document's API version. */
const CALLS = {
  'vbr-rest': [
    'post /api/oauth2/token',
    'post /api/oauth2/logout',
    'get /api/v1/sessions',
    'get /api/v1/sessions/{id}',
    'get /api/v1/sessions/{id}/logs',
    'get /api/v1/sessions/{id}/taskSessions',
    'get /api/v1/jobs/states',
    'get /api/v1/backupObjects',
    'get /api/v1/restorePoints',
    'get /api/v1/agents/protectedComputers',
    'get /api/v1/inventory/vmware/hosts',
    'get /api/v1/inventory/vmware/hosts/{name}',
  ],
  'vb365-rest': [
    'post /{v}/token',
    'post /{v}/token/logout',
    'get /{v}/Jobs',
    'get /{v}/JobSessions',
    'get /{v}/JobSessions/{jobSessionsId}',
    'get /{v}/JobSessions/{sessionId}/LogItems',
    'get /{v}/JobSessions/{sessionId}/ProcessedObjects',
    'get /{v}/BackupRepositories',
    'get /{v}/BackupRepositories/{repositoryId}/UserData',
    'get /{v}/BackupRepositories/{repositoryId}/SiteData',
    'get /{v}/BackupRepositories/{repositoryId}/TeamData',
  ],
};

/** Keywords that only carry prose or samples; `x-` extensions go too. */
const PROSE = new Set(['description', 'summary', 'title', 'example', 'examples', 'externalDocs']);
/** Keywords whose value maps names to schemas: the names are data, not keywords. */
const NAMED_SCHEMAS = new Set(['properties', 'patternProperties', 'definitions']);

/** A schema without prose; `refs` collects the component names it references. */
function clean(node, refs) {
  if (Array.isArray(node)) return node.map((item) => clean(item, refs));
  if (node === null || typeof node !== 'object') return node;
  const kept = {};
  for (const [key, value] of Object.entries(node)) {
    if (PROSE.has(key) || key.startsWith('x-')) continue;
    if (key === '$ref') refs.add(value.replace('#/components/schemas/', ''));
    if (key === 'enum' || key === 'required' || key === 'default') kept[key] = value;
    else if (key === 'discriminator') kept[key] = cleanDiscriminator(value, refs);
    else if (NAMED_SCHEMAS.has(key))
      kept[key] = Object.fromEntries(Object.entries(value).map(([name, schema]) => [name, clean(schema, refs)]));
    else kept[key] = clean(value, refs);
  }
  return kept;
}

function cleanDiscriminator(discriminator, refs) {
  for (const target of Object.values(discriminator.mapping ?? {})) refs.add(target.replace('#/components/schemas/', ''));
  return discriminator;
}

/** The body schema of one response (a `components/responses` reference resolved); null when it has none. */
function responseSchema(doc, response) {
  const resolved = response.$ref ? doc.components.responses[response.$ref.split('/').pop()] : response;
  const content = resolved.content ?? {};
  const media = content['application/json'] ?? content['*/*'] ?? Object.values(content)[0];
  return media?.schema ?? null;
}

function extract(file) {
  const doc = JSON.parse(readFileSync(join(specs, file), 'utf8'));
  const family = Object.keys(CALLS).find((prefix) => file.startsWith(prefix));
  const version = /-(v\d+)\.json$/.exec(file)?.[1] ?? '';
  const refs = new Set();
  const endpoints = {};
  for (const call of CALLS[family]) {
    const [method, template] = call.split(' ');
    const path = template.replace('{v}', version);
    const operation = doc.paths[path]?.[method];
    if (!operation) throw new Error(`${file}: no ${method.toUpperCase()} ${path}`);
    endpoints[`${method.toUpperCase()} ${path}`] = Object.fromEntries(
      Object.entries(operation.responses).map(([status, response]) => [status, clean(responseSchema(doc, response), refs)]),
    );
  }
  const schemas = {};
  // Components pull in further components: follow every reference until none is new.
  for (const name of refs) {
    if (schemas[name]) continue;
    const schema = doc.components.schemas[name];
    if (!schema) throw new Error(`${file}: no component ${name}`);
    schemas[name] = clean(schema, refs);
  }
  const sorted = Object.fromEntries(
    Object.keys(schemas)
      .sort()
      .map((name) => [name, schemas[name]]),
  );
  return { source: file, title: doc.info.title, version: doc.info.version, endpoints, components: { schemas: sorted } };
}

mkdirSync(out, { recursive: true });
for (const file of readdirSync(specs).filter((f) => Object.keys(CALLS).some((prefix) => f.startsWith(prefix)) && f.endsWith('.json'))) {
  const extracted = extract(file);
  const target = join(out, basename(file));
  writeFileSync(target, `${JSON.stringify(extracted, null, 2)}\n`);
  console.log(
    `${target}: ${Object.keys(extracted.endpoints).length} endpoints, ${Object.keys(extracted.components.schemas).length} schemas`,
  );
}

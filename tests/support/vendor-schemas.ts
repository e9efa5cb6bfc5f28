/**
 * The vendors' documented response schemas (extracts in tests/fixtures/vendor-schemas, made by
 * scripts/extract-vendor-schemas.mjs) as ajv validators: one answer in, the ways it departs from
 * the document out. Strict mode is off: the documents use OpenAPI words (`discriminator`,
 * `readOnly`, `nullable`) that plain JSON Schema does not know.
 */
import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

type Schema = Record<string, unknown>;
type Schemas = Record<string, Schema>;

/** One extract: per call (`GET /api/v1/sessions`), per documented status (or `default`), the body's schema or null. */
export interface SchemaExtract {
  readonly source: string;
  readonly endpoints: Record<string, Record<string, Schema | null>>;
  readonly components: { readonly schemas: Schemas };
}

/** One answer as a simulator sent it. */
export interface Exchange {
  /** The documented call it answers, e.g. `GET /api/v1/sessions/{id}`. */
  readonly call: string;
  /** What the test asked for, to name the answer in a failure. */
  readonly label: string;
  readonly status: number;
  readonly text: string;
}

/** Checks one answer against its document; returns what departs from it (nothing when it conforms). */
export type AnswerCheck = (exchange: Exchange) => string[];

// ajv-formats is CommonJS: its default export arrives wrapped under ESM.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as (
  ajv: Ajv,
) => Ajv;

export function readExtract(file: string): SchemaExtract {
  return JSON.parse(readFileSync(new URL(`../fixtures/vendor-schemas/${file}`, import.meta.url), 'utf8')) as SchemaExtract;
}

const ref = (name: string): string => `#/components/schemas/${name}`;

/**
 * A `discriminator` over `oneOf` members that each `allOf` their parent loops forever in plain JSON
 * Schema (and two members may both match). Read it as OpenAPI means it: the member the mapping
 * names for the discriminating property's value, over the parent without its `oneOf`.
 */
function resolveDiscriminators(schemas: Schemas): void {
  for (const [name, schema] of Object.entries(schemas)) {
    const discriminator = schema['discriminator'] as { propertyName: string; mapping?: Record<string, string> } | undefined;
    if (!discriminator?.mapping || !schema['oneOf']) continue;
    const { oneOf: _members, discriminator: _d, ...base } = schema;
    schemas[`${name}Base`] = base;
    for (const target of Object.values(discriminator.mapping)) {
      const member = schemas[target.replace(ref(''), '')];
      const parts = (member?.['allOf'] as Schema[] | undefined) ?? [];
      for (const part of parts) if (part['$ref'] === ref(name)) part['$ref'] = ref(`${name}Base`);
    }
    const { propertyName } = discriminator;
    schemas[name] = {
      ...base,
      allOf: Object.entries(discriminator.mapping).map(([value, target]) => ({
        if: { properties: { [propertyName]: { const: value } }, required: [propertyName] },
        then: { $ref: target },
      })),
    };
  }
}

export interface CheckOptions {
  /** The document's error model, for an error status the call does not list. */
  readonly errorSchema: string;
  /** Adjusts the document's components to a revision it does not describe exactly (see the caller). */
  readonly overlay?: (schemas: Schemas) => void;
}

/** An `AnswerCheck` for one document. */
export function documentCheck(extract: SchemaExtract, options: CheckOptions): AnswerCheck {
  const schemas = structuredClone(extract.components.schemas);
  options.overlay?.(schemas);
  resolveDiscriminators(schemas);
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  const calls = Object.entries(extract.endpoints).flatMap(([call, responses]) =>
    Object.entries(responses).map(([status, schema]) => ({ key: `${call} ${status}`, schema })),
  );
  // One schema resource, so that every `#/components/...` reference resolves inside it.
  ajv.addSchema({ $id: 'document', components: { schemas }, calls: calls.map((c) => c.schema ?? {}) });
  const validators = new Map<string, { validate: ValidateFunction; bodyless: boolean }>();
  calls.forEach(({ key, schema }, i) => {
    validators.set(key, { validate: ajv.getSchema(`document#/calls/${i}`)!, bodyless: schema === null });
  });
  const errorCheck = { validate: ajv.getSchema(`document${ref(options.errorSchema)}`)!, bodyless: false };

  return (exchange) => {
    const name = `${exchange.label} (${exchange.call} → ${exchange.status})`;
    const documented = extract.endpoints[exchange.call];
    if (!documented) return [`${name}: ${extract.source} does not document ${exchange.call}`];
    const status = String(exchange.status);
    const key = documented[status] !== undefined ? status : exchange.status >= 400 && 'default' in documented ? 'default' : null;
    const found = key === null ? undefined : validators.get(`${exchange.call} ${key}`);
    const check = found ?? (exchange.status >= 400 ? errorCheck : null);
    if (!check) return [`${name}: status ${status} is not documented (${Object.keys(documented).join(', ')})`];
    if (check.bodyless) return exchange.text === '' ? [] : [`${name}: documented without a body, got ${exchange.text.slice(0, 80)}`];
    if (exchange.text === '') return [`${name}: empty body where a body is documented`];
    let body: unknown;
    try {
      body = JSON.parse(exchange.text);
    } catch {
      return [`${name}: not JSON: ${exchange.text.slice(0, 80)}`];
    }
    if (check.validate(body)) return [];
    return (check.validate.errors ?? []).map((e) => `${name}: ${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
  };
}

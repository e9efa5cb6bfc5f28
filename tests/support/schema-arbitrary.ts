/**
 * Random answers a vendor's document allows: a fast-check arbitrary from a response schema of the
 * extracts (tests/fixtures/vendor-schemas). Optional fields come and go, nullable ones may be
 * null, enums take any documented word, times take any offset, fraction length or a leap second,
 * so the parsers meet everything the documents permit, not only what the simulators render.
 */
import fc from 'fast-check';

type Schema = Readonly<Record<string, unknown>>;

const ref = (schema: Schema): string | null =>
  typeof schema['$ref'] === 'string' ? schema['$ref'].replace('#/components/schemas/', '') : null;

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** RFC 3339 date-times: any fraction length (0–7), `Z` or an offset, now and then the leap second. */
const dateTime: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 9,
    arbitrary: fc
      .record({
        ms: fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2040, 0, 1) }),
        digits: fc.integer({ min: 0, max: 7 }),
        offset: fc.constantFrom(0, 0, 330, -420, 60, -720, 840),
      })
      .map(({ ms, digits, offset }) => {
        const local = new Date(ms + offset * 60_000).toISOString();
        const fraction = digits === 0 ? '' : `.${`${local.slice(20, 23)}4321`.slice(0, digits)}`;
        const a = Math.abs(offset);
        const zone = offset === 0 ? 'Z' : `${offset < 0 ? '-' : '+'}${pad(Math.floor(a / 60))}:${pad(a % 60)}`;
        return `${local.slice(0, 19)}${fraction}${zone}`;
      }),
  },
  fc.constantFrom('2026-06-30T23:59:60Z', '2016-12-31T23:59:60.5Z', '0001-01-01T00:00:00Z'),
);

function stringOf(schema: Schema): fc.Arbitrary<string> {
  if (Array.isArray(schema['enum'])) return fc.constantFrom(...(schema['enum'] as string[]));
  if (schema['format'] === 'date-time') return dateTime;
  if (schema['format'] === 'uuid') return fc.uuid();
  if (schema['format'] === 'uri') return fc.webUrl();
  return fc.string({ maxLength: 12 });
}

interface Discriminator {
  readonly propertyName: string;
  readonly mapping?: Readonly<Record<string, string>>;
}

/**
 * Builds arbitraries over one document's components; recursion is cut at `maxDepth` (arrays empty,
 * optionals absent). A `discriminator` is read as OpenAPI means it: one mapped member, its
 * property set to the member's value, over the parent without its `oneOf` (members `allOf` it).
 */
export function schemaArbitraries(components: Readonly<Record<string, Schema>>, maxDepth = 6) {
  function of(schema: Schema, depth: number, open: ReadonlySet<string> = new Set()): fc.Arbitrary<unknown> {
    const name = ref(schema);
    if (name !== null) {
      const target = components[name] ?? {};
      if (!open.has(name)) return of(target, depth, new Set([...open, name]));
      const { oneOf: _members, discriminator: _d, ...base } = target;
      return of(base, depth, open);
    }
    const discriminator = schema['discriminator'] as Discriminator | undefined;
    const plain = discriminator?.mapping ? mapped(discriminator, depth, open) : ofType(schema, depth, open);
    // `nullable` widens the type, not an enum: null then has to be one of the words.
    const enumWords = schema['enum'] as unknown[] | undefined;
    const nullable = schema['nullable'] === true && (enumWords === undefined || enumWords.includes(null));
    return nullable ? fc.oneof(plain, fc.constant(null)) : plain;
  }

  function mapped({ propertyName, mapping = {} }: Discriminator, depth: number, open: ReadonlySet<string>): fc.Arbitrary<unknown> {
    return fc.oneof(
      ...Object.entries(mapping).map(([value, target]) =>
        of({ $ref: target }, depth, open).map((member) => ({ ...(member as object), [propertyName]: value })),
      ),
    );
  }

  function ofObject(schema: Schema, depth: number, open: ReadonlySet<string>): fc.Arbitrary<Record<string, unknown>> {
    const properties = (schema['properties'] ?? {}) as Record<string, Schema>;
    // Fields an `if`/`then` of `allOf` may require (by status, say) are always there.
    const conditions = ((schema['allOf'] ?? []) as Schema[]).flatMap((part) => ((part['then'] as Schema)?.['required'] ?? []) as string[]);
    const required = new Set([...((schema['required'] ?? []) as string[]), ...conditions]);
    const keys = Object.keys(properties).filter((k) => required.has(k) || depth < maxDepth);
    const fields = Object.fromEntries(keys.map((k) => [k, of(properties[k]!, depth + 1, open)]));
    const extra = schema['additionalProperties'];
    const record = fc.record(fields, { requiredKeys: keys.filter((k) => required.has(k)) });
    if (typeof extra !== 'object' || extra === null || depth >= maxDepth) return record;
    const map = fc.dictionary(fc.string({ minLength: 1, maxLength: 6 }), of(extra as Schema, depth + 1, open), { maxKeys: 2 });
    return fc.tuple(map, record).map(([m, r]) => ({ ...m, ...r }));
  }

  function ofType(schema: Schema, depth: number, open: ReadonlySet<string>): fc.Arbitrary<unknown> {
    if (Array.isArray(schema['allOf']) && (schema['allOf'] as Schema[]).every((part) => part['if'] !== undefined))
      return ofObject(schema, depth, open);
    if (Array.isArray(schema['allOf'])) {
      const parts = (schema['allOf'] as Schema[]).map((part) => of(part, depth, open));
      const own = schema['properties'] ? [ofObject(schema, depth, open)] : [];
      return fc.tuple(...own, ...parts).map((all) => Object.assign({}, ...(all as object[])) as unknown);
    }
    if (Array.isArray(schema['oneOf'])) return fc.oneof(...(schema['oneOf'] as Schema[]).map((member) => of(member, depth, open)));
    if (Array.isArray(schema['enum'])) return fc.constantFrom(...(schema['enum'] as unknown[]));
    switch (schema['type']) {
      case 'string':
        return stringOf(schema);
      case 'integer':
        return schema['format'] === 'int64' ? fc.maxSafeInteger() : fc.integer();
      case 'number':
        return fc.double({ noNaN: true, noDefaultInfinity: true });
      case 'boolean':
        return fc.boolean();
      case 'array':
        return fc.array(of((schema['items'] ?? {}) as Schema, depth + 1, open), { maxLength: depth < maxDepth ? 4 : 0 });
      default:
        return ofObject(schema, depth, open);
    }
  }

  return { of: (schema: Schema) => of(schema, 0) };
}

import { TEST_PASSWORD, SignedIn, TestApp } from '../support/test-app';

/**
 * Walks the app's own OpenAPI document: every string and array in a request body declares a maximum,
 * and every JSON body answers hostile input (wrong types, values over their maximum, deep nesting,
 * MongoDB operators, `__proto__` keys, null) with a 4xx, never a 5xx and never a success.
 */

interface Schema {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  nullable?: boolean;
  maxLength?: number;
  maxItems?: number;
  items?: Schema;
  properties?: Record<string, Schema>;
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
}

interface Operation {
  method: string;
  path: string;
  schema: Schema;
}

const ADMIN = { email: 'fuzz-admin@example.org', password: TEST_PASSWORD };
const HOSTILE_ID = '0123456789abcdef01234567';

describe('OpenAPI fuzzing of JSON bodies (e2e)', () => {
  let t: TestApp;
  let components: Record<string, Schema>;
  let operations: Operation[];
  let users: SignedIn[];

  const resolve = (schema: Schema): Schema => {
    if (schema.$ref) return resolve(components[schema.$ref.replace('#/components/schemas/', '')]);
    if (schema.allOf?.length === 1)
      return { ...resolve(schema.allOf[0]), ...schema, allOf: undefined };
    return schema;
  };

  beforeAll(async () => {
    t = await TestApp.start({ env: { ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password } });
    const document = (await t.http().get('/docs-json').expect(200)).body as {
      paths: Record<
        string,
        Record<string, { requestBody?: { content?: Record<string, { schema: Schema }> } }>
      >;
      components: { schemas: Record<string, Schema> };
    };
    components = document.components.schemas;
    operations = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.entries(methods).flatMap(([method, operation]) => {
        const json = operation.requestBody?.content?.['application/json'];
        return json ? [{ method, path, schema: json.schema }] : [];
      }),
    );
    const login = await t.http().post('/auth/login').send(ADMIN).expect(200);
    const admin: SignedIn = {
      id: login.body.user.id,
      email: ADMIN.email,
      role: 'admin',
      accessToken: login.body.accessToken,
      refreshToken: login.body.refreshToken,
      auth: `Bearer ${login.body.accessToken}`,
    };
    users = [await t.asStudent(), await t.asTeacher(), admin];
  });
  afterAll(() => t.stop());

  it('finds the JSON-body operations', () => {
    expect(operations.length).toBeGreaterThan(20);
  });

  it('declares a maximum on every string and array of every request body', () => {
    const missing = new Set<string>();
    const seen = new Set<Schema>();
    const walk = (raw: Schema, where: string) => {
      const schema = resolve(raw);
      if (seen.has(schema)) return;
      seen.add(schema);
      // Allowed: `format: date-time` strings, parsed to dates before use (never stored as text).
      const bounded = schema.enum !== undefined || schema.format === 'date-time';
      if (schema.type === 'string' && !bounded && schema.maxLength === undefined)
        missing.add(where);
      if (schema.type === 'array') {
        if (schema.maxItems === undefined) missing.add(where);
        if (schema.items) walk(schema.items, `${where}[]`);
      }
      for (const [name, property] of Object.entries(schema.properties ?? {}))
        walk(property, `${raw.$ref?.split('/').pop() ?? where}.${name}`);
      for (const part of [
        ...(schema.oneOf ?? []),
        ...(schema.anyOf ?? []),
        ...(schema.allOf ?? []),
      ])
        walk(part, where);
    };
    for (const operation of operations)
      walk(operation.schema, `${operation.method} ${operation.path}`);
    expect([...missing].sort()).toEqual([]);
  });

  /** Bodies that must all be refused: each property in turn gets a hostile value. */
  function hostileBodies(raw: Schema): Array<{ label: string; body: string }> {
    const schema = resolve(raw);
    const deep = '['.repeat(2000) + ']'.repeat(2000);
    const bodies: Array<{ label: string; body: string }> = [
      { label: 'deep nesting', body: '{"a":'.repeat(1000) + '1' + '}'.repeat(1000) },
      { label: '__proto__ key', body: '{"__proto__":{"role":"admin"}}' },
      { label: 'constructor.prototype', body: '{"constructor":{"prototype":{"role":"admin"}}}' },
      { label: 'array body', body: '[]' },
      { label: 'operator body', body: '{"$where":"sleep(1000)"}' },
    ];
    for (const [name, rawProperty] of Object.entries(schema.properties ?? {})) {
      const property = resolve(rawProperty);
      const key = JSON.stringify(name);
      const wrong =
        property.type === 'string'
          ? '12345'
          : property.type === 'array'
            ? '"x"'
            : property.type === 'object' || property.properties
              ? '7'
              : '"x"';
      bodies.push({ label: `${name}: wrong type`, body: `{${key}:${wrong}}` });
      bodies.push({ label: `${name}: operator`, body: `{${key}:{"$ne":""}}` });
      bodies.push({ label: `${name}: deep array`, body: `{${key}:${deep}}` });
      bodies.push({ label: `${name}: __proto__`, body: `{${key}:{"__proto__":{"x":1}}}` });
      if (!property.nullable) bodies.push({ label: `${name}: null`, body: `{${key}:null}` });
      if (property.type === 'string' && property.maxLength !== undefined)
        bodies.push({
          label: `${name}: over maxLength`,
          body: `{${key}:${JSON.stringify('x'.repeat(property.maxLength + 1))}}`,
        });
      if (property.type === 'array' && property.maxItems !== undefined)
        bodies.push({
          label: `${name}: over maxItems`,
          body: `{${key}:${JSON.stringify(Array.from({ length: property.maxItems + 1 }, () => 'x'))}}`,
        });
    }
    return bodies;
  }

  it('refuses hostile JSON bodies on every operation with a 4xx, never a 5xx', async () => {
    const failures: string[] = [];
    for (const { method, path, schema } of operations) {
      const url = path.replace(/\{[^}]+\}/g, HOSTILE_ID);
      const send = (auth: string | undefined, body: string) => {
        const call = t.http()[method as 'post'](url).set('content-type', 'application/json');
        return (auth ? call.set('authorization', auth) : call).send(body);
      };
      // The first account whose role the route accepts (the probe is refused by validation, not a guard).
      let auth: string | undefined;
      for (const user of users) {
        const probe = await send(user.auth, '{"fuzzUnknownField":1}');
        if (probe.status !== 401 && probe.status !== 403) {
          auth = user.auth;
          break;
        }
      }
      for (const { label, body } of hostileBodies(schema)) {
        const response = await send(auth, body);
        if (response.status < 400 || response.status >= 500)
          failures.push(`${method.toUpperCase()} ${path} ${label}: ${response.status}`);
      }
    }
    expect(failures).toEqual([]);
  });
});

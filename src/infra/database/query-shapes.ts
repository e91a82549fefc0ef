import type { Schema } from 'mongoose';

/**
 * Query shapes and the indexes that serve them. A shape is what a query filters and sorts on, without
 * values: equality fields, sort fields, range fields (and fields only checked after the fetch).
 * An index serves a shape when it starts with equality fields of the query (at least one when the query
 * has any), continues with the sort fields in order (all in the index's direction or all reversed), and,
 * with neither equality nor sort, starts on a range field. Equality fields past that prefix are checked
 * on the documents the index bounds, as MongoDB does.
 */
export interface QueryShape {
  collection: string;
  operation: string;
  equality: string[];
  sort: Array<[string, 1 | -1]>;
  range: string[];
  /** Fields the index cannot bound ($ne, $exists, $regex, $or branches...): checked on fetched documents. */
  residual: string[];
}

export type IndexKeys = Record<string, unknown>;

const RANGE = new Set(['$gt', '$gte', '$lt', '$lte']);
const EQUALITY = new Set(['$eq', '$in']);

/** The shape of a filter and sort, as the database sees them (`_id` equality is the primary key). */
export function shapeOf(
  collection: string,
  operation: string,
  filter: Record<string, unknown> = {},
  sort: Record<string, unknown> = {},
): QueryShape {
  const shape: QueryShape = { collection, operation, equality: [], sort: [], range: [], residual: [] };
  addFilter(shape, filter, false);
  for (const [field, direction] of Object.entries(sort ?? {})) {
    shape.sort.push([field, direction === -1 || direction === 'desc' ? -1 : 1]);
  }
  for (const list of [shape.equality, shape.range, shape.residual]) list.sort();
  return shape;
}

function addFilter(shape: QueryShape, filter: Record<string, unknown>, residual: boolean): void {
  for (const [field, condition] of Object.entries(filter)) {
    if (field === '$and' && Array.isArray(condition)) {
      for (const part of condition) addFilter(shape, part as Record<string, unknown>, residual);
    } else if (field.startsWith('$')) {
      for (const part of Array.isArray(condition) ? condition : []) {
        addFilter(shape, part as Record<string, unknown>, true);
      }
    } else {
      addField(shape, field, kindOf(condition), residual);
    }
  }
}

function kindOf(condition: unknown): 'equality' | 'range' | 'residual' {
  if (!isOperatorObject(condition)) return 'equality';
  const operators = Object.keys(condition);
  if (operators.every((op) => EQUALITY.has(op))) return 'equality';
  if (operators.some((op) => RANGE.has(op))) return 'range';
  return 'residual';
}

function isOperatorObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return keys.length > 0 && keys.every((key) => key.startsWith('$'));
}

function addField(
  shape: QueryShape,
  field: string,
  kind: 'equality' | 'range' | 'residual',
  residual: boolean,
): void {
  const list = residual ? shape.residual : shape[kind];
  if (!list.includes(field)) list.push(field);
}

/** Whether these index keys serve the shape (see the rule at the top of this file). */
export function indexServes(keys: IndexKeys, shape: QueryShape): boolean {
  const fields = Object.keys(keys);
  const equality = new Set(shape.equality);
  let i = 0;
  while (i < fields.length && equality.has(fields[i])) i++;
  if (equality.size > 0 && i === 0) return false;
  let direction: 1 | -1 | undefined;
  for (const [field, wanted] of shape.sort) {
    if (fields[i] !== field) return false;
    const relative = (Number(keys[field]) === -1 ? -1 : 1) === wanted ? 1 : -1;
    if (direction !== undefined && direction !== relative) return false;
    direction = relative;
    i++;
  }
  if (equality.size === 0 && shape.sort.length === 0) {
    return shape.range.includes(fields[0]);
  }
  return true;
}

/** Shapes needing no secondary index: by `_id`, or no filter and no sort (a deliberate whole-collection read). */
export function servedWithoutIndex(shape: QueryShape): boolean {
  if (shape.equality.includes('_id') || indexServes({ _id: 1 }, shape)) return true;
  const filtered = shape.equality.length + shape.range.length + shape.residual.length > 0;
  return !filtered && shape.sort.length === 0;
}

/** The index to declare for a shape nothing serves: equality fields, then sort fields, then range fields. */
export function suggestedIndex(shape: QueryShape): Record<string, 1 | -1> {
  const keys: Record<string, 1 | -1> = {};
  for (const field of shape.equality) keys[field] = 1;
  for (const [field, direction] of shape.sort) keys[field] ??= direction;
  for (const field of shape.range) keys[field] ??= 1;
  return keys;
}

export function describeShape(shape: QueryShape): string {
  const parts = [
    shape.equality.length ? `eq(${shape.equality.join(', ')})` : '',
    shape.sort.length
      ? `sort(${shape.sort.map(([f, d]) => `${f}${d === -1 ? ' desc' : ''}`).join(', ')})`
      : '',
    shape.range.length ? `range(${shape.range.join(', ')})` : '',
    shape.residual.length ? `then(${shape.residual.join(', ')})` : '',
  ].filter(Boolean);
  return parts.length ? parts.join(' ') : 'everything';
}

export interface ShapeVerdict {
  shape: QueryShape;
  /** The serving index's keys, `_id`, or undefined when nothing serves it. */
  servedBy?: string;
}

/** Judges a shape against a schema's declared indexes. */
export function judgeShape(shape: QueryShape, indexes: IndexKeys[]): ShapeVerdict {
  const index = indexes.find((keys) => indexServes(keys, shape));
  if (index) return { shape, servedBy: JSON.stringify(index) };
  if (servedWithoutIndex(shape)) return { shape, servedBy: '_id' };
  return { shape };
}

const QUERY_OPERATIONS = [
  'find',
  'findOne',
  'countDocuments',
  'distinct',
  'updateOne',
  'updateMany',
  'deleteOne',
  'deleteMany',
  'findOneAndUpdate',
  'findOneAndDelete',
  'findOneAndReplace',
  'replaceOne',
] as const;

/**
 * A Mongoose plugin that reports every query's and aggregation's shape with the verdict against the
 * schema's declared indexes. The e2e run installs it and fails on shapes nothing serves.
 */
export function queryShapePlugin(report: (verdict: ShapeVerdict) => void) {
  return (schema: Schema): void => {
    const indexes = () => schema.indexes().map(([keys]) => keys as IndexKeys);
    // Mongoose's overloads type each hook name separately; the hooks below only read the query.
    const hooks = schema as unknown as {
      pre(names: readonly string[], fn: (this: QueryLike) => void): void;
      pre(name: 'aggregate', fn: (this: AggregateLike) => void): void;
    };
    hooks.pre(QUERY_OPERATIONS, function (this: QueryLike) {
      const shape = shapeOf(
        this.model.collection.collectionName,
        this.op,
        this.getFilter(),
        this.getOptions().sort as Record<string, unknown> | undefined,
      );
      report(judgeShape(shape, indexes()));
    });
    hooks.pre('aggregate', function (this: AggregateLike) {
      const [first, second] = this.pipeline();
      const match = (first?.$match ?? {}) as Record<string, unknown>;
      const sort = (first?.$match ? second?.$sort : first?.$sort) as
        | Record<string, unknown>
        | undefined;
      const shape = shapeOf(this.model().collection.collectionName, 'aggregate', match, sort);
      report(judgeShape(shape, indexes()));
    });
  };
}

interface QueryLike {
  op: string;
  model: { collection: { collectionName: string } };
  getFilter(): Record<string, unknown>;
  getOptions(): { sort?: unknown };
}

interface AggregateLike {
  pipeline(): Array<Record<string, unknown>>;
  model(): { collection: { collectionName: string } };
}

import mongoose from 'mongoose';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  describeShape,
  queryShapePlugin,
  ShapeVerdict,
  suggestedIndex,
} from '../../src/infra/database/query-shapes';

/** Where each test file leaves the shapes its queries had; global teardown reads them all. */
export function queryShapesDir(): string | undefined {
  return process.env.E2E_QUERY_SHAPES_DIR || undefined;
}

const seen = new Map<string, ShapeVerdict & { count: number }>();
let installed = false;

/** Records every query's shape in this test file (one mongoose per file under Jest). */
export function recordQueryShapes(): void {
  if (installed || !queryShapesDir()) return;
  installed = true;
  mongoose.plugin(
    queryShapePlugin((verdict) => {
      const key = `${verdict.shape.collection} ${verdict.shape.operation} ${describeShape(verdict.shape)}`;
      const entry = seen.get(key);
      if (entry) entry.count++;
      else seen.set(key, { ...verdict, count: 1 });
    }),
  );
}

/** Writes this file's shapes for the final report. */
export function flushQueryShapes(): void {
  const dir = queryShapesDir();
  if (!dir || seen.size === 0) return;
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${process.pid}-${randomBytes(4).toString('hex')}.json`);
  writeFileSync(file, JSON.stringify([...seen.values()]));
  seen.clear();
}

/** Prints the table of shapes per collection and returns the message for unserved ones, if any. */
export function reportQueryShapes(dir: string): string | undefined {
  const merged = new Map<string, ShapeVerdict & { count: number }>();
  for (const file of readdirSync(dir)) {
    const verdicts = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Array<
      ShapeVerdict & { count: number }
    >;
    for (const verdict of verdicts) {
      const key = `${verdict.shape.collection}|${describeShape(verdict.shape)}`;
      const entry = merged.get(key);
      if (entry) {
        entry.count += verdict.count;
        if (!entry.shape.operation.split(',').includes(verdict.shape.operation)) {
          entry.shape.operation += `,${verdict.shape.operation}`;
        }
      } else merged.set(key, { ...verdict });
    }
  }
  const rows = [...merged.values()].sort(
    (a, b) =>
      a.shape.collection.localeCompare(b.shape.collection) ||
      describeShape(a.shape).localeCompare(describeShape(b.shape)),
  );
  const lines = ['', 'Query shapes seen in the e2e run (collection, shape, operations, count, index):'];
  let collection = '';
  for (const row of rows) {
    if (row.shape.collection !== collection) {
      collection = row.shape.collection;
      lines.push(`  ${collection}`);
    }
    lines.push(
      `    ${describeShape(row.shape).padEnd(60)} ${row.shape.operation.padEnd(28)} ${String(row.count).padStart(6)}  ${row.servedBy ?? 'NOT SERVED'}`,
    );
  }
  process.stdout.write(`${lines.join('\n')}\n`);
  const unserved = rows.filter((row) => !row.servedBy);
  if (unserved.length === 0) return undefined;
  return [
    `${unserved.length} query shape(s) have no index; declare these next to the schemas (with a comment naming the query):`,
    ...unserved.map(
      (row) =>
        `  collection "${row.shape.collection}", ${row.shape.operation} on ${describeShape(row.shape)}: add <Schema>.index(${JSON.stringify(suggestedIndex(row.shape))})`,
    ),
  ].join('\n');
}

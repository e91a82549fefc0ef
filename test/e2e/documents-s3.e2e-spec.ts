import { getConnectionToken } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import { Types } from 'mongoose';
import { Readable } from 'node:stream';
import { DocumentsService } from '../../src/documents/documents.service';
import { ObjectStorage } from '../../src/infra/storage';
import { fixture, waitForJob } from '../support/content-helpers';
import { TestApp } from '../support/test-app';
import { VersityGateway } from '../support/versitygw';

/** Documents stored in an S3 bucket (Versity's gateway on loopback), shared by two app instances. */
describe('Documents on S3-compatible storage (e2e)', () => {
  let gateway: VersityGateway;
  let a: TestApp;
  let b: TestApp;
  let db: Connection;
  let store: ObjectStorage;

  beforeAll(async () => {
    gateway = await VersityGateway.start();
    const bucket = gateway.bucket('documents');
    a = await TestApp.start({ env: gateway.env(bucket) });
    // The second instance: same database and bucket, its own DATA_DIR (nothing shared on disk).
    b = await TestApp.start({
      env: { ...gateway.env(bucket), MONGODB_URI: a.config.database.uri },
    });
    db = a.app.get<Connection>(getConnectionToken());
    store = a.app.get(ObjectStorage);
  });
  afterAll(async () => {
    await b?.stop({ dropDatabase: false });
    await a?.stop();
    await gateway?.stop();
  });

  const keys = async () => {
    const found: string[] = [];
    for await (const object of store.list('')) found.push(object.key.split('/').pop()!);
    return found;
  };
  const later = () => new Date(a.clock.now().getTime() + 60 * 60 * 1000);

  it('stores an upload in the bucket; another instance downloads it and generates questions from it', async () => {
    const user = await a.asTeacher();
    const uploaded = await a
      .as(user)
      .upload('/api/documents', 'plate-tectonics.pdf', fixture('plate-tectonics.pdf'), 201);
    const id = uploaded.body.id as string;
    expect(await keys()).toContain(id);
    expect(await keys()).not.toContain(`${id}.part`);

    const download = await b
      .http()
      .get(`/api/documents/${id}/file`)
      .set('authorization', user.auth)
      .buffer(true)
      .parse((res, done) => {
        const parts: Buffer[] = [];
        res.on('data', (part: Buffer) => parts.push(part));
        res.on('end', () => done(null, Buffer.concat(parts)));
      })
      .expect(200);
    expect(Buffer.compare(download.body as Buffer, fixture('plate-tectonics.pdf'))).toBe(0);
    expect(download.headers['content-type']).toBe('application/pdf');

    const accepted = await b
      .http()
      .post(`/api/documents/${id}/questions/generate`)
      .set('authorization', user.auth)
      .send({ count: 3 })
      .expect(202);
    const job = await waitForJob(b, user.auth, accepted.body.id);
    expect(job).toMatchObject({ status: 'succeeded', progress: { done: 3, total: 3 } });

    // Another user's document is a 404 on either instance.
    const other = await b.asStudent();
    await b.as(other).get(`/api/documents/${id}/file`, 404);
  });

  it('stores an upload larger than one 5 MiB part (a multipart upload); another instance reads it back', async () => {
    const user = await a.asStudent();
    const notes = longMarkdown(5 * 1024 * 1024 + 700 * 1024);
    const uploaded = await a.as(user).upload('/api/documents', 'field-notes.md', notes, 201);
    const id = uploaded.body.id as string;
    expect(uploaded.body).toMatchObject({ kind: 'markdown', sizeBytes: notes.length });
    const stored = await store.head(`${await firstPrefix()}${id}`);
    expect(stored?.size).toBe(notes.length);

    const download = await b
      .http()
      .get(`/api/documents/${id}/file`)
      .set('authorization', user.auth)
      .buffer(true)
      .parse((res, done) => {
        const parts: Buffer[] = [];
        res.on('data', (part: Buffer) => parts.push(part));
        res.on('end', () => done(null, Buffer.concat(parts)));
      })
      .expect(200);
    expect((download.body as Buffer).length).toBe(notes.length);
    expect(Buffer.compare(download.body as Buffer, notes)).toBe(0);
  });

  it('deletes the object with the document, from the other instance', async () => {
    const user = await a.asStudent();
    const { body } = await a
      .as(user)
      .upload('/api/documents', 'water-cycle.txt', fixture('water-cycle.txt'), 201);
    expect(await keys()).toContain(body.id);
    await b.as(user).delete(`/api/documents/${body.id}`, 204);
    expect(await keys()).not.toContain(body.id);
    await a.as(user).get(`/api/documents/${body.id}/file`, 404);
  });

  it('repairs a crash between the object write and the database write', async () => {
    const user = await a.asStudent();
    const { body } = await a
      .as(user)
      .upload('/api/documents', 'photosynthesis.md', fixture('photosynthesis.md'), 201);
    // The state right before the move: pending, object still under its temporary key.
    await db
      .collection('documents')
      .updateOne({ _id: new Types.ObjectId(body.id) }, { $set: { status: 'pending' } });
    const prefix = await firstPrefix();
    await store.move(`${prefix}${body.id}`, `${prefix}${body.id}.part`);
    // And an object whose database write never happened.
    const orphan = new Types.ObjectId().toHexString();
    await store.put(
      `${prefix}${orphan}.part`,
      Readable.from([Buffer.from('half an upload')]),
      1024,
    );

    const report = await b.app.get(DocumentsService).repair(later());
    expect(report).toMatchObject({ completed: 1, orphanFiles: 1 });
    await a.as(user).get(`/api/documents/${body.id}`, 200);
    const after = await keys();
    expect(after).toContain(body.id);
    expect(after).not.toContain(`${body.id}.part`);
    expect(after).not.toContain(`${orphan}.part`);
  });

  it('reports the bucket in the readiness probe', async () => {
    const ready = await b.http().get('/health/ready').expect(200);
    expect(ready.body.checks.storage).toEqual({ status: 'up', driver: 's3' });
  });

  it('redirects downloads to a presigned URL when configured, which the bucket serves', async () => {
    const c = await TestApp.start({
      env: {
        ...gateway.env('documents'),
        MONGODB_URI: a.config.database.uri,
        S3_PRESIGNED_DOWNLOAD_SECONDS: '60',
      },
    });
    try {
      const user = await c.asStudent();
      const { body } = await c
        .as(user)
        .upload('/api/documents', 'water-cycle.txt', fixture('water-cycle.txt'), 201);
      const redirect = await c
        .http()
        .get(`/api/documents/${body.id}/file`)
        .set('authorization', user.auth)
        .expect(302);
      const location = redirect.headers.location as string;
      expect(location.startsWith(gateway.url)).toBe(true);
      const direct = await fetch(location);
      expect(direct.status).toBe(200);
      expect(Buffer.from(await direct.arrayBuffer()).equals(fixture('water-cycle.txt'))).toBe(true);
      await c.as(await c.asStudent()).get(`/api/documents/${body.id}/file`, 404);
    } finally {
      await c.stop({ dropDatabase: false });
    }
  });

  async function firstPrefix(): Promise<string> {
    for await (const object of store.list(''))
      return object.key.slice(0, object.key.lastIndexOf('/') + 1);
    throw new Error('the bucket is empty');
  }
});

/** A markdown study file of at least `bytes` bytes: numbered sections of varied sentences. */
function longMarkdown(bytes: number): Buffer {
  const topics = [
    'erosion',
    'sediment',
    'glaciers',
    'rivers',
    'deltas',
    'dunes',
    'karst',
    'moraines',
  ];
  const lines = ['# Field notes on landforms', ''];
  let size = 0;
  for (let section = 1; size < bytes; section++) {
    const topic = topics[section % topics.length];
    const paragraph =
      `## Section ${section}: ${topic}\n\n` +
      `Observation ${section} describes how ${topic} shape the landscape over ${section * 3} years. ` +
      `The ${topics[(section + 3) % topics.length]} nearby record ${section % 17} distinct layers, ` +
      `and the survey team measured ${(section * 7) % 101} samples along the transect.\n`;
    lines.push(paragraph);
    size += Buffer.byteLength(paragraph) + 1;
  }
  return Buffer.from(lines.join('\n'));
}

describe('Documents when the S3 endpoint fails (e2e)', () => {
  let t: TestApp;
  let gateway: VersityGateway;

  beforeAll(async () => {
    gateway = await VersityGateway.start();
    const env = gateway.env('documents');
    await gateway.stop();
    // Nothing listens there any more: every request to the store is refused.
    t = await TestApp.start({ env });
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('answers 503 to an upload and leaves no document behind; readiness says the storage is down', async () => {
    const user = await t.asStudent();
    const response = await t
      .http()
      .post('/api/documents')
      .set('authorization', user.auth)
      .attach('file', fixture('water-cycle.txt'), 'water-cycle.txt')
      .expect(503);
    expect(response.body.message).toMatch(/storage/i);
    const db = t.app.get<Connection>(getConnectionToken());
    expect(await db.collection('documents').countDocuments()).toBe(0);
    expect(await db.collection('document_chunks').countDocuments()).toBe(0);
    const list = await t.as(user).get('/api/documents', 200);
    expect(list.body.items).toEqual([]);

    const ready = await t.http().get('/health/ready').expect(200);
    expect(ready.body).toMatchObject({
      status: 'degraded',
      checks: { storage: { status: 'down', driver: 's3' } },
    });
  });
});

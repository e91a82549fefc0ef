/**
 * The baseline of the HTTP benchmark, run as its own process like the app: plain node:http doing the
 * same work as the app's routes, without the framework. GET /health answers a constant; GET /auth/me
 * verifies the HS256 bearer token and reads the user by id with the MongoDB driver, then answers JSON.
 *   PORT=... MONGODB_URI=... JWT_SECRET=... tsx scripts/bench/raw-http.ts
 */
import { JwtService } from '@nestjs/jwt';
import mongoose from 'mongoose';
import { createSecretKey } from 'node:crypto';
import { createServer, ServerResponse } from 'node:http';

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

async function main(): Promise<void> {
  const env = process.env;
  const jwt = new JwtService({ secret: createSecretKey(Buffer.from(env.JWT_SECRET ?? '')) });
  const client = env.MONGODB_URI ? await mongoose.mongo.MongoClient.connect(env.MONGODB_URI) : null;
  const users = client?.db().collection('users');
  const server = createServer((req, res) => {
    if (req.url === '/health') return send(res, 200, { status: 'ok' });
    if (req.url !== '/auth/me' || !users) return send(res, 404, { statusCode: 404 });
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '';
    jwt
      .verifyAsync<{ sub: string }>(token, { algorithms: ['HS256'] })
      .then((payload) => users.findOne({ _id: new mongoose.Types.ObjectId(payload.sub) }))
      .then((user) =>
        user
          ? send(res, 200, { id: String(user._id), email: user.email, name: user.name })
          : send(res, 404, { statusCode: 404 }),
      )
      .catch(() => send(res, 401, { statusCode: 401 }));
  });
  server.listen(Number(env.PORT), '127.0.0.1', () => process.stdout.write('ready\n'));
}

void main();

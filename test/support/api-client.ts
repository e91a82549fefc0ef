import type { Response } from 'supertest';
import { expectNoAnswerKey, type BankQuestion } from './answer-keys';
import { TEST_PASSWORD, type SignedIn, type TestApp } from './test-app';

/** What a response may show: nothing of any key, the key of one answered question, or everything. */
export type Reveal = 'nothing' | 'everything' | { question: string };

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/**
 * HTTP calls as one user (`t.http()` stays for anonymous calls and raw requests):
 * - `expected` checks the status and reports the body when it differs;
 * - a 401 signs the user in again (updating `user.auth`) and repeats the call once, so calls
 *   survive the test clock moving past the access token's lifetime;
 * - given the questions of a `bank`, every response is checked not to show their answer keys
 *   unless `reveals` allows it.
 */
export class ApiClient {
  readonly bank: BankQuestion[];
  private readonly guardsKeys: boolean;

  constructor(
    private readonly t: TestApp,
    readonly user: SignedIn,
    bank?: BankQuestion[],
  ) {
    this.bank = bank ?? [];
    this.guardsKeys = bank !== undefined;
  }

  get(path: string, expected?: number, reveals: Reveal = 'nothing'): Promise<Response> {
    return this.send('get', path, undefined, expected, reveals);
  }

  post(path: string, body: object = {}, expected?: number, reveals: Reveal = 'nothing') {
    return this.send('post', path, body, expected, reveals);
  }

  put(path: string, body: object, expected?: number): Promise<Response> {
    return this.send('put', path, body, expected, 'nothing');
  }

  patch(path: string, body: object, expected?: number): Promise<Response> {
    return this.send('patch', path, body, expected, 'nothing');
  }

  delete(path: string, expected?: number): Promise<Response> {
    return this.send('delete', path, undefined, expected, 'nothing');
  }

  /** Uploads a file as multipart `file`. */
  async upload(path: string, name: string, content: Buffer, expected?: number): Promise<Response> {
    const attempt = () =>
      this.t.http().post(path).set('authorization', this.user.auth).attach('file', content, name);
    return this.check('post', path, await this.withSignIn(attempt), expected);
  }

  private async send(
    method: Method,
    path: string,
    body: object | undefined,
    expected: number | undefined,
    reveals: Reveal,
  ): Promise<Response> {
    const attempt = () => {
      const request = this.t.http()[method](path).set('authorization', this.user.auth);
      return body === undefined ? request : request.send(body);
    };
    const response = this.check(method, path, await this.withSignIn(attempt), expected);
    if (this.guardsKeys && reveals !== 'everything') {
      const shown = typeof reveals === 'object' ? reveals.question : undefined;
      const hidden = this.bank.filter((q) => q.id !== shown);
      const where = `${method} ${path}`;
      // The answer to the question shown carries its (allowed) feedback: check the rest.
      expectNoAnswerKey(shown ? withoutFeedback(response.body) : response.body, hidden, where);
    }
    return response;
  }

  private async withSignIn(attempt: () => PromiseLike<Response>): Promise<Response> {
    const response = await attempt();
    if (response.status !== 401) return response;
    await this.signInAgain();
    return attempt();
  }

  private check(method: Method, path: string, response: Response, expected?: number): Response {
    if (expected !== undefined && response.status !== expected)
      throw new Error(
        `${method.toUpperCase()} ${path}: expected ${expected}, got ${response.status} ${JSON.stringify(response.body)}`,
      );
    return response;
  }

  private async signInAgain(): Promise<void> {
    const login = await this.t
      .http()
      .post('/auth/login')
      .send({ email: this.user.email, password: TEST_PASSWORD });
    if (login.status !== 200) throw new Error(`signing in again failed: ${login.status}`);
    this.user.accessToken = login.body.accessToken;
    this.user.auth = `Bearer ${login.body.accessToken}`;
  }
}

function withoutFeedback(body: unknown): unknown {
  if (!body || typeof body !== 'object') return body;
  const rest = { ...(body as Record<string, unknown>) };
  delete rest.feedback;
  return rest;
}

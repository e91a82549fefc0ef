import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type WireFormat = 'openai' | 'anthropic';

/** What the stub answers to the next request. */
export type StubReply =
  /** A model reply with this text, wrapped in the wire format, with token usage. */
  | { kind: 'content'; text: string; inputTokens?: number; outputTokens?: number }
  /** A raw HTTP response. */
  | { kind: 'http'; status: number; body: string; headers?: Record<string, string> }
  /** No answer at all: the client's timeout has to fire. */
  | { kind: 'hang' }
  /** Valid questions (or an explanation) built from the passages in the prompt. */
  | { kind: 'auto' };

export interface RecordedRequest {
  path: string;
  headers: IncomingMessage['headers'];
  body: Record<string, unknown>;
  /** The model text the stub answered with, if any. */
  reply?: string;
}

export const AUTO_USAGE = { inputTokens: 120, outputTokens: 80 };

/**
 * A local HTTP server (loopback only) that speaks the OpenAI Chat Completions or the Anthropic Messages
 * wire format, answering scripted replies in order and `auto` replies once the script is used up.
 */
export class LlmStubServer {
  readonly requests: RecordedRequest[] = [];
  private readonly queue: StubReply[] = [];

  private constructor(
    private readonly server: Server,
    readonly format: WireFormat,
    readonly origin: string,
  ) {}

  static async start(format: WireFormat): Promise<LlmStubServer> {
    const holder: { stub?: LlmStubServer } = {};
    const server = createServer((req, res) => void holder.stub?.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    holder.stub = new LlmStubServer(server, format, `http://127.0.0.1:${port}`);
    return holder.stub;
  }

  /** The LLM_BASE_URL the app needs. */
  get baseUrl(): string {
    return this.format === 'openai' ? `${this.origin}/v1` : this.origin;
  }

  script(...replies: StubReply[]): void {
    this.queue.push(...replies);
  }

  reset(): void {
    this.queue.length = 0;
    this.requests.length = 0;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const expected = this.format === 'openai' ? '/v1/chat/completions' : '/v1/messages';
    if (req.method !== 'POST' || req.url !== expected) {
      res
        .writeHead(404, { 'content-type': 'application/json' })
        .end('{"error":{"message":"not found"}}');
      return;
    }
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
    this.requests.push({ path: req.url, headers: req.headers, body });
    const reply = this.queue.shift() ?? { kind: 'auto' };
    switch (reply.kind) {
      case 'hang':
        return;
      case 'http':
        res
          .writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers })
          .end(reply.body);
        return;
      case 'content':
        this.requests[this.requests.length - 1].reply = reply.text;
        this.send(res, reply.text, reply.inputTokens ?? 10, reply.outputTokens ?? 5);
        return;
      case 'auto': {
        const text = autoReply(this.systemOf(body), lastUserText(body));
        this.requests[this.requests.length - 1].reply = text;
        this.send(res, text, AUTO_USAGE.inputTokens, AUTO_USAGE.outputTokens);
      }
    }
  }

  private systemOf(body: Record<string, unknown>): string {
    if (this.format === 'anthropic') return String(body.system ?? '');
    const messages = body.messages as { role: string; content: string }[];
    return messages.find((m) => m.role === 'system')?.content ?? '';
  }

  private send(res: ServerResponse, text: string, inputTokens: number, outputTokens: number): void {
    const payload =
      this.format === 'openai'
        ? {
            id: 'chatcmpl-stub',
            object: 'chat.completion',
            model: 'stub-model',
            choices: [
              { index: 0, message: { role: 'assistant', content: text }, finish_reason: 'stop' },
            ],
            usage: {
              prompt_tokens: inputTokens,
              completion_tokens: outputTokens,
              total_tokens: inputTokens + outputTokens,
            },
          }
        : {
            id: 'msg_stub',
            type: 'message',
            role: 'assistant',
            model: 'stub-model',
            content: [{ type: 'text', text }],
            stop_reason: 'end_turn',
            usage: { input_tokens: inputTokens, output_tokens: outputTokens },
          };
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(payload));
  }
}

function lastUserText(body: Record<string, unknown>): string {
  const messages = (body.messages as { role: string; content: string }[]).filter(
    (m) => m.role === 'user',
  );
  return messages.map((m) => m.content).join('\n\n');
}

/** Passages of a prompt: `[P1] (page 2)` followed by the text. */
export function promptPassages(prompt: string): { ref: string; text: string }[] {
  const passages: { ref: string; text: string }[] = [];
  const pattern = /\[(P\d+)\] \(page \d+\)\n([\s\S]*?)(?=\n\n\[P\d+\] \(page|$)/g;
  for (const match of prompt.matchAll(pattern)) passages.push({ ref: match[1], text: match[2] });
  return passages;
}

/** A well-formed reply: fill-in-the-blank questions on the longest word of sentences, quoting them. */
function autoReply(system: string, prompt: string): string {
  const passages = promptPassages(prompt);
  if (/explain/i.test(system)) {
    const first = passages[0];
    const sentence = first ? sentencesOf(first.text)[0] : undefined;
    return JSON.stringify({
      explanation: 'The passage states the answer directly.',
      quotes: first && sentence ? [{ passage: first.ref, quote: sentence }] : [],
    });
  }
  const wanted = Number(/Write (\d+) questions/.exec(prompt)?.[1] ?? 5);
  const avoid = new Set(
    (/Do not repeat these existing questions:\n((?:- .*\n?)+)/.exec(prompt)?.[1] ?? '')
      .split('\n')
      .map((line) => line.replace(/^- /, '').trim()),
  );
  const questions: Record<string, unknown>[] = [];
  for (const passage of passages) {
    for (const sentence of sentencesOf(passage.text)) {
      if (questions.length >= wanted) break;
      const answer = sentence.split(/[^\p{L}]+/u).sort((a, b) => b.length - a.length)[0];
      const stem = `Fill in the blank: ${sentence.replace(answer, '_____')}`;
      if (
        !answer ||
        answer.length < 5 ||
        avoid.has(stem) ||
        questions.some((q) => q.quote === sentence)
      )
        continue;
      questions.push({
        type: 'short-answer',
        stem,
        answer,
        difficulty: 'medium',
        topic: answer.toLowerCase(),
        explanation: `The passage says: ${sentence}`,
        passage: passage.ref,
        quote: sentence,
      });
    }
  }
  return JSON.stringify({ questions });
}

function sentencesOf(text: string): string[] {
  return text
    .split(/(?<=[.!?])\s+/)
    .map((s) => s.trim())
    .filter((s) => s.length >= 40 && !s.includes('\n'));
}

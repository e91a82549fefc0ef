import { postJson } from './http-json';
import type { ChatClient, ChatRequest } from './chat-client';
import type { HttpClientConfig } from './openai-chat.client';
import { MalformedReplyError } from './provider-errors';
import type { UsageMeter } from './provider.types';

export const ANTHROPIC_DEFAULTS = {
  baseUrl: 'https://api.anthropic.com',
  model: 'claude-3-5-haiku-latest',
  version: '2023-06-01',
};

/** Anthropic Messages (`POST {base}/v1/messages`); JSON is asked for in the prompt. */
export class AnthropicMessagesClient implements ChatClient {
  readonly provider = 'anthropic';
  readonly model: string;
  private readonly url: string;

  constructor(private readonly config: HttpClientConfig) {
    this.model = config.model || ANTHROPIC_DEFAULTS.model;
    this.url = `${config.baseUrl || ANTHROPIC_DEFAULTS.baseUrl}/v1/messages`;
  }

  async complete(request: ChatRequest, meter: UsageMeter): Promise<string> {
    const body = {
      model: this.model,
      max_tokens: request.maxTokens,
      temperature: 0.2,
      system: request.system,
      messages: request.messages,
    };
    const headers = {
      'x-api-key': this.config.apiKey,
      'anthropic-version': ANTHROPIC_DEFAULTS.version,
    };
    const reply = (await postJson(this.url, headers, body, {
      timeoutMs: this.config.timeoutMs,
      maxRetries: this.config.maxRetries,
      backoffMs: this.config.backoffMs,
      secret: this.config.apiKey,
      meter,
    })) as {
      content?: { type?: string; text?: unknown }[];
      usage?: { input_tokens?: number; output_tokens?: number };
    };
    meter.addUsage(reply?.usage?.input_tokens ?? 0, reply?.usage?.output_tokens ?? 0);
    const texts = Array.isArray(reply?.content)
      ? reply.content.filter((part) => part?.type === 'text' && typeof part.text === 'string')
      : [];
    if (texts.length === 0) throw new MalformedReplyError('The reply has no text content block');
    return texts.map((part) => part.text as string).join('');
  }
}

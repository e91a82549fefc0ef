import { postJson } from './http-json';
import type { ChatClient, ChatRequest } from './chat-client';
import { MalformedReplyError } from './provider-errors';
import type { UsageMeter } from './provider.types';

export interface HttpClientConfig {
  baseUrl: string;
  apiKey: string;
  model: string;
  timeoutMs: number;
  maxRetries: number;
  backoffMs?: number;
}

export const OPENAI_DEFAULTS = { baseUrl: 'https://api.openai.com/v1', model: 'gpt-4o-mini' };

/**
 * OpenAI Chat Completions (`POST {base}/chat/completions`), which OpenAI, Ollama, vLLM and LM Studio
 * speak. Asks for a JSON object (`response_format`); the key, when set, goes in the Authorization header.
 */
export class OpenAiChatClient implements ChatClient {
  readonly provider = 'openai';
  readonly model: string;
  private readonly url: string;

  constructor(private readonly config: HttpClientConfig) {
    this.model = config.model || OPENAI_DEFAULTS.model;
    this.url = `${config.baseUrl || OPENAI_DEFAULTS.baseUrl}/chat/completions`;
  }

  async complete(request: ChatRequest, meter: UsageMeter): Promise<string> {
    const body = {
      model: this.model,
      messages: [{ role: 'system', content: request.system }, ...request.messages],
      response_format: { type: 'json_object' },
      temperature: 0.2,
      max_tokens: request.maxTokens,
    };
    const headers: Record<string, string> = this.config.apiKey
      ? { authorization: `Bearer ${this.config.apiKey}` }
      : {};
    const reply = (await postJson(this.url, headers, body, {
      timeoutMs: this.config.timeoutMs,
      maxRetries: this.config.maxRetries,
      backoffMs: this.config.backoffMs,
      secret: this.config.apiKey,
      meter,
    })) as {
      choices?: { message?: { content?: unknown }; finish_reason?: string }[];
      usage?: { prompt_tokens?: number; completion_tokens?: number };
    };
    meter.addUsage(reply?.usage?.prompt_tokens ?? 0, reply?.usage?.completion_tokens ?? 0);
    const content = reply?.choices?.[0]?.message?.content;
    if (typeof content !== 'string')
      throw new MalformedReplyError('The reply has no choices[0].message.content text');
    return content;
  }
}

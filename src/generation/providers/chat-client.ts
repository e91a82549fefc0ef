import type { UsageMeter } from './provider.types';

export interface ChatRequest {
  system: string;
  /** The conversation so far: the prompt, and for a re-ask the previous reply and the correction. */
  messages: { role: 'user' | 'assistant'; content: string }[];
  maxTokens: number;
}

/** One wire format of a chat model: sends a conversation, returns the reply text. */
export interface ChatClient {
  readonly provider: string;
  readonly model: string;
  complete(request: ChatRequest, meter: UsageMeter): Promise<string>;
}

import type { Provider } from '@nestjs/common';
import { AppConfig } from '../../config';
import { AnthropicMessagesClient } from './anthropic-messages.client';
import { LlmQuestionProvider } from './llm-question.provider';
import { OfflineQuestionProvider } from './offline.provider';
import { OpenAiChatClient } from './openai-chat.client';
import { QuestionProvider } from './provider.types';

/** The provider LLM_PROVIDER selects; the offline generator is the default. */
export function createQuestionProvider(config: AppConfig): QuestionProvider {
  const { llm } = config;
  const http = {
    baseUrl: llm.baseUrl,
    apiKey: llm.apiKey,
    model: llm.model,
    timeoutMs: llm.timeoutMs,
    maxRetries: llm.maxRetries,
  };
  switch (llm.provider) {
    case 'openai':
      return new LlmQuestionProvider(new OpenAiChatClient(http));
    case 'anthropic':
      return new LlmQuestionProvider(new AnthropicMessagesClient(http));
    default:
      return new OfflineQuestionProvider();
  }
}

export const questionProviderProvider: Provider = {
  provide: QuestionProvider,
  inject: [AppConfig],
  useFactory: createQuestionProvider,
};

import { AppConfig } from '../../config/app-config';
import { ConfigurationError, parseEnvironment } from '../../config/environment';
import { LlmQuestionProvider } from './llm-question.provider';
import { OfflineQuestionProvider } from './offline.provider';
import { createQuestionProvider } from './provider.factory';
import { redactSecrets } from './provider-errors';

const config = (env: Record<string, string>) => new AppConfig(parseEnvironment(env));

describe('LLM configuration and provider selection', () => {
  it('defaults to the offline generator', () => {
    const { llm } = config({});
    expect(llm).toMatchObject({
      provider: 'offline',
      baseUrl: '',
      model: '',
      timeoutMs: 60000,
      maxRetries: 2,
    });
    expect(createQuestionProvider(config({}))).toBeInstanceOf(OfflineQuestionProvider);
  });

  it('selects the OpenAI-compatible and Anthropic clients with their defaults', () => {
    const openai = createQuestionProvider(
      config({ LLM_PROVIDER: 'openai', LLM_BASE_URL: 'http://127.0.0.1:11434/v1/' }),
    );
    expect(openai).toBeInstanceOf(LlmQuestionProvider);
    expect([openai.name, openai.model]).toEqual(['openai', 'gpt-4o-mini']);
    const anthropic = createQuestionProvider(
      config({ LLM_PROVIDER: 'anthropic', LLM_API_KEY: 'key-123', LLM_MODEL: 'claude-x' }),
    );
    expect([anthropic.name, anthropic.model]).toEqual(['anthropic', 'claude-x']);
    expect(config({ LLM_BASE_URL: 'http://host/v1///' }).llm.baseUrl).toBe('http://host/v1');
  });

  it('never serialises the API key', () => {
    const secret = 'sk-live-abcdefghijklmnop';
    const app = config({ LLM_PROVIDER: 'openai', LLM_API_KEY: secret });
    expect(app.llm.apiKey).toBe(secret);
    expect(JSON.stringify(app)).not.toContain(secret);
    expect(Object.keys(app.llm)).not.toContain('apiKey');
  });

  it.each([
    [{ LLM_PROVIDER: 'gpt' }, /LLM_PROVIDER/],
    [{ LLM_BASE_URL: 'ftp://example.org' }, /LLM_BASE_URL must be empty or an http/],
    [{ LLM_PROVIDER: 'anthropic' }, /LLM_API_KEY must be set when LLM_PROVIDER is anthropic/],
    [{ LLM_TIMEOUT_MS: '10' }, /LLM_TIMEOUT_MS/],
    [{ LLM_MAX_RETRIES: '11' }, /LLM_MAX_RETRIES/],
    [{ RECALIBRATION_MIN_ANSWERS: '0' }, /RECALIBRATION_MIN_ANSWERS/],
  ])('rejects %j with one clear line', (env, message) => {
    expect(() => parseEnvironment(env)).toThrow(ConfigurationError);
    expect(() => parseEnvironment(env)).toThrow(message);
  });
});

describe('redactSecrets', () => {
  it('removes the key and anything shaped like one', () => {
    expect(redactSecrets('bad key my-secret-value here', 'my-secret-value')).toBe(
      'bad key [redacted] here',
    );
    expect(redactSecrets('Incorrect API key provided: sk-proj-AbCdEf123456', '')).toBe(
      'Incorrect API key provided: [redacted]',
    );
    expect(redactSecrets('header Bearer abc.def', '')).toBe('header Bearer [redacted]');
  });
});

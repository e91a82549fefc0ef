import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
  ValidateIf,
  validateSync,
} from 'class-validator';

const toInt = ({ value }: { value: unknown }) =>
  typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;
const toBool = ({ value }: { value: unknown }) =>
  value === 'true' || value === '1' ? true : value === 'false' || value === '0' ? false : value;
const toNumber = ({ value }: { value: unknown }) =>
  typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value.trim()) ? Number(value) : value;
const emptyToUndefined = ({ value }: { value: unknown }) => (value === '' ? undefined : value);

/**
 * Every environment variable the app reads, with its default. `.env.example` documents the same list.
 * Nothing outside src/config reads process.env.
 */
export class Environment {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV = 'development';

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @IsString()
  HOST = '0.0.0.0';

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  /** The API's address as clients reach it: the base of links it hands out (calendar feeds, LTI). */
  @Matches(/^https?:\/\/[^/\s]+$/, {
    message: 'must be an http(s) origin without a path, such as https://api.example.org',
  })
  PUBLIC_URL = 'http://localhost:3000';

  /** The single-page app's address: where sign-ins from an LMS land. */
  @Matches(/^https?:\/\/[^\s]+$/, {
    message: 'must be an http(s) URL such as https://learn.example.org',
  })
  APP_URL = 'http://localhost:5173';

  /** Comma-separated allowed origins for CORS; `*` allows any origin. */
  @IsString()
  CORS_ORIGINS = 'http://localhost:5173';

  @Transform(toInt)
  @IsInt()
  @Min(1024)
  @Max(50 * 1024 * 1024)
  BODY_LIMIT_BYTES = 1024 * 1024;

  @Transform(toInt)
  @IsInt()
  @Min(1024)
  @Max(1024 * 1024 * 1024)
  UPLOAD_MAX_BYTES = 20 * 1024 * 1024;

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(300000)
  SHUTDOWN_TIMEOUT_MS = 10000;

  /** MongoDB connection string; unset starts the embedded FerretDB. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^mongodb(\+srv)?:\/\/.+/, { message: 'must be a mongodb:// or mongodb+srv:// URI' })
  MONGODB_URI?: string;

  /**
   * Which engine serves MONGODB_URI: `ferretdb` makes writes strict about its weaknesses (see
   * CONTRIBUTING.md). Unset: `mongodb` with a MONGODB_URI, `ferretdb` for the embedded database.
   */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsIn(['mongodb', 'ferretdb'])
  DATABASE_ENGINE?: 'mongodb' | 'ferretdb';

  /** Database name used with the embedded FerretDB (a MONGODB_URI names its own). */
  @Matches(/^[A-Za-z0-9_-]{1,60}$/, { message: 'must be 1-60 letters, digits, _ or -' })
  MONGODB_DB_NAME = 'adaptive_learning';

  /** Folder for the embedded database and uploaded files. */
  @IsString()
  @MinLength(1)
  DATA_DIR = './data';

  @IsString()
  @MinLength(1)
  FERRETDB_BINARY = './tools/ferretdb/ferretdb';

  /** PostgreSQL database for the embedded FerretDB (its PostgreSQL backend); unset uses SQLite files. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'must be a postgres:// or postgresql:// URL' })
  FERRETDB_POSTGRESQL_URL?: string;

  /** Redis connection string; unset uses in-process cache and rate limits. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^rediss?:\/\/.+/, { message: 'must be a redis:// or rediss:// URL' })
  REDIS_URL?: string;

  /** Prefix for every Redis key, so several deployments (or test files) can share one server. */
  @Matches(/^[A-Za-z0-9:_-]{0,60}$/, { message: 'must be up to 60 letters, digits, :, _ or -' })
  REDIS_KEY_PREFIX = 'al:';

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(86400)
  CACHE_TTL_SECONDS = 300;

  /** Secret that signs access tokens; required (32+ characters) in production. */
  @ValidateIf((env: Environment) => env.NODE_ENV === 'production' || env.JWT_SECRET !== undefined)
  @Transform(emptyToUndefined)
  @IsString()
  @MinLength(32, { message: 'must be at least 32 characters' })
  JWT_SECRET?: string;

  /**
   * Key that seals stored secrets (webhook signing secrets): 32 bytes in base64. Required in production;
   * elsewhere it defaults to a key derived from JWT_SECRET.
   */
  @ValidateIf(
    (env: Environment) => env.NODE_ENV === 'production' || env.ENCRYPTION_KEY !== undefined,
  )
  @Transform(emptyToUndefined)
  @Matches(/^[A-Za-z0-9+/_-]{43}=?$/, {
    message: 'must be 32 bytes in base64 (openssl rand -base64 32)',
  })
  ENCRYPTION_KEY?: string;

  /** Accept OpenID Connect providers served over plain http (development and tests only). */
  @Transform(toBool)
  @IsBoolean()
  OIDC_ALLOW_HTTP_ISSUERS = false;

  /** Let webhooks target loopback and private networks (refused by default: server-side request forgery). */
  @Transform(toBool)
  @IsBoolean()
  WEBHOOKS_ALLOW_PRIVATE_TARGETS = false;

  /** Classroom alerts: a student's mastery of an assigned topic below this (0..1) raises an alert. */
  @Transform(toNumber)
  @IsNumber()
  @Min(0)
  @Max(1)
  ALERT_LOW_MASTERY = 0.5;

  /** Classroom alerts: no answer for this many days raises an alert. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(365)
  ALERT_INACTIVE_DAYS = 7;

  /** Classroom alerts: a drop of the mean score of the last three submissions below the three before, by at least this. */
  @Transform(toNumber)
  @IsNumber()
  @Min(0)
  @Max(1)
  ALERT_DECLINE = 0.15;

  @Transform(toInt)
  @IsInt()
  @Min(30)
  @Max(86400)
  JWT_ACCESS_TTL_SECONDS = 900;

  @Transform(toInt)
  @IsInt()
  @Min(300)
  @Max(365 * 86400)
  JWT_REFRESH_TTL_SECONDS = 30 * 86400;

  /** Failed sign-ins per account per hour before the account is guarded (at most 100, ASVS 2.2.1). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100)
  LOGIN_FAILURE_LIMIT = 20;

  /** While an account is guarded: one attempt per this many seconds from an address that has not failed. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(3600)
  LOGIN_LOCKED_DELAY_SECONDS = 30;

  /** Days the security audit log keeps an entry; an hourly job deletes older ones. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(3650)
  AUDIT_RETENTION_DAYS = 365;

  /** With ADMIN_PASSWORD: an administrator account ensured at start-up (admins cannot self-register). */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsEmail({}, { message: 'must be an email address' })
  ADMIN_EMAIL?: string;

  @ValidateIf((env: Environment) => env.ADMIN_EMAIL !== undefined)
  @IsString({ message: 'must be set when ADMIN_EMAIL is set' })
  @MinLength(12, { message: 'must be at least 12 characters' })
  ADMIN_PASSWORD?: string;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(3600)
  THROTTLE_WINDOW_SECONDS = 60;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1000000)
  THROTTLE_LIMIT = 300;

  /** Limit per window for login, register and refresh, per client address. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1000000)
  AUTH_THROTTLE_LIMIT = 20;

  /** Requests per minute to generate questions or explanations with the LLM, per client address. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1000000)
  GENERATION_RATE_LIMIT_PER_MINUTE = 10;

  /** Requests per minute to analytics, predictions and comparisons, per client address. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1000000)
  ANALYTICS_RATE_LIMIT_PER_MINUTE = 60;

  /** SMTP server for outgoing email, e.g. smtp://user:pass@smtp.example.org:587; unset logs emails instead of sending. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^smtps?:\/\/.+/, { message: 'must be an smtp:// or smtps:// URL' })
  SMTP_URL?: string;

  @IsString()
  @MinLength(3)
  MAIL_FROM = 'Adaptive Learning <no-reply@adaptive-learning.local>';

  /** Question generator: the built-in offline generator, an OpenAI-compatible server, or Anthropic. */
  @IsIn(['offline', 'openai', 'anthropic'])
  LLM_PROVIDER = 'offline';

  /** Base URL of the provider API; empty uses the provider's public endpoint. Ollama: http://127.0.0.1:11434/v1 */
  @Matches(/^(https?:\/\/.+)?$/, { message: 'must be empty or an http:// or https:// URL' })
  LLM_BASE_URL = '';

  /** API key of the provider (never logged); required for anthropic. */
  @ValidateIf((env: Environment) => env.LLM_PROVIDER === 'anthropic')
  @IsString()
  @MinLength(1, { message: 'must be set when LLM_PROVIDER is anthropic' })
  LLM_API_KEY = '';

  /** Model name; empty uses the provider's default. */
  @Matches(/^[A-Za-z0-9._:/@-]{0,200}$/, { message: 'must be a model name' })
  LLM_MODEL = '';

  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(600000)
  LLM_TIMEOUT_MS = 60000;

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(10)
  LLM_MAX_RETRIES = 2;

  /** Answers a question needs before its difficulty can be recalibrated from them. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100000)
  RECALIBRATION_MIN_ANSWERS = 20;

  /** Adaptive sessions pick the question whose predicted chance of success is closest to this (0.05-0.95). */
  @Transform(toNumber)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0.05)
  @Max(0.95)
  ADAPTIVE_TARGET_SUCCESS = 0.7;

  /** Expose Swagger UI at /docs and the OpenAPI document at /docs-json. */
  @Transform(toBool)
  @IsBoolean()
  DOCS_ENABLED = true;

  /** FSRS target probability of recall at the due date for users who have not chosen one. */
  @Transform(toNumber)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0.7)
  @Max(0.99)
  FSRS_DESIRED_RETENTION = 0.9;

  /** Success rate the next-difficulty prediction aims at (Rasch probability of a correct answer). */
  @Transform(toNumber)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0.5)
  @Max(0.95)
  PREDICTION_TARGET_SUCCESS = 0.7;

  /** Fewest distinct students a comparison may describe; smaller cohorts get "not enough peers". */
  @Transform(toInt)
  @IsInt()
  @Min(5)
  @Max(1000)
  COMPARISON_MIN_COHORT = 5;

  /** Domain on the right of study-plan calendar event UIDs (RFC 5545 §3.8.4.7). */
  @Matches(/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/, {
    message: 'must be a domain name such as learning.example.org',
  })
  CALENDAR_UID_DOMAIN = 'adaptive-learning.local';

  /** Stripe secret key for marketplace payments; unset: paid listings answer 503, free ones work. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^(sk|rk)_(test|live)_[A-Za-z0-9]+$/, {
    message: 'must be a Stripe secret key (sk_...)',
  })
  STRIPE_SECRET_KEY?: string;

  /** Signing secret of the Stripe webhook endpoint (POST /api/marketplace/webhooks/stripe). */
  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^whsec_[A-Za-z0-9]+$/, { message: 'must be a Stripe webhook secret (whsec_...)' })
  STRIPE_WEBHOOK_SECRET?: string;

  /** Another Stripe API address, e.g. stripe-mock (http://127.0.0.1:12111); unset: Stripe itself. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^https?:\/\/[^/\s]+\/?$/, {
    message: 'must be an http(s) origin such as http://127.0.0.1:12111',
  })
  STRIPE_API_URL?: string;

  /** Where stored files live: `local` (folders under DATA_DIR) or `s3` (an S3-compatible bucket). */
  @IsIn(['local', 's3'])
  STORAGE_DRIVER = 'local';

  /** S3 endpoint (MinIO, another S3 server); unset: AWS S3 of S3_REGION. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^https?:\/\/[^/\s]+\/?$/, { message: 'must be an http(s) origin such as http://minio:9000' })
  S3_ENDPOINT?: string;

  @IsString()
  @MinLength(1)
  S3_REGION = 'us-east-1';

  /** The bucket (must exist); required with STORAGE_DRIVER=s3. */
  @ValidateIf((env: Environment) => env.STORAGE_DRIVER === 's3')
  @Matches(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, { message: 'must be an S3 bucket name' })
  S3_BUCKET = '';

  @ValidateIf((env: Environment) => env.STORAGE_DRIVER === 's3')
  @IsString()
  @MinLength(1)
  S3_ACCESS_KEY_ID = '';

  @ValidateIf((env: Environment) => env.STORAGE_DRIVER === 's3')
  @IsString()
  @MinLength(1)
  S3_SECRET_ACCESS_KEY = '';

  /** Path-style URLs (endpoint/bucket/key), as MinIO and most self-hosted servers need. */
  @Transform(toBool)
  @IsBoolean()
  S3_FORCE_PATH_STYLE = true;

  /** Downloads answer with a redirect to a presigned URL valid this many seconds; 0: streamed by the API. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(3600)
  S3_PRESIGNED_DOWNLOAD_SECONDS = 0;

  /** The platform's share of each sale, in percent (two decimals at most). */
  @Transform(toNumber)
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 2 })
  @Min(0)
  @Max(100)
  MARKETPLACE_FEE_PERCENT = 15;

  /** The smallest platform fee on a paid sale, in minor units (cents) of the sale's currency. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  MARKETPLACE_FEE_MIN_MINOR = 50;

  /** Where Stripe Checkout sends the buyer back (the single-page app's marketplace page). */
  @Matches(/^https?:\/\/\S+$/, { message: 'must be an http(s) URL' })
  MARKETPLACE_RETURN_URL = 'http://localhost:5173/marketplace';
}

export class ConfigurationError extends Error {}

/** Validates the raw environment; the error message is one line naming the variable and what it expects. */
export function parseEnvironment(raw: Record<string, string | undefined>): Environment {
  const known = new Environment();
  const input: Record<string, unknown> = {};
  for (const key of Object.keys(known)) {
    if (raw[key] !== undefined) input[key] = raw[key];
  }
  for (const optional of [
    'MONGODB_URI',
    'FERRETDB_POSTGRESQL_URL',
    'DATABASE_ENGINE',
    'REDIS_URL',
    'JWT_SECRET',
    'ENCRYPTION_KEY',
    'SMTP_URL',
    'ADMIN_EMAIL',
    'ADMIN_PASSWORD',
    'STRIPE_SECRET_KEY',
    'STRIPE_WEBHOOK_SECRET',
    'STRIPE_API_URL',
    'S3_ENDPOINT',
  ] as const) {
    if (raw[optional] !== undefined) input[optional] = raw[optional];
  }
  const env = plainToInstance(Environment, input, { exposeDefaultValues: true });
  const [error] = validateSync(env, { forbidUnknownValues: true });
  if (error) {
    const expectation = Object.values(error.constraints ?? {})[0] ?? 'is invalid';
    const got = raw[error.property];
    const message = expectation.startsWith(error.property)
      ? expectation
      : `${error.property} ${expectation}`;
    throw new ConfigurationError(
      `Invalid configuration: ${message}${got === undefined ? '' : ` (got "${got}")`}`,
    );
  }
  return env;
}

import { hkdfSync, randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { Environment } from './environment';

/** Typed, validated configuration, grouped by concern. Injected wherever settings are needed. */
export class AppConfig {
  readonly env: 'development' | 'production' | 'test';
  readonly http: {
    port: number;
    host: string;
    /** The API's origin as clients reach it (links in calendar feeds, LTI). */
    publicUrl: string;
    /** The single-page app's address (where LMS launches land). */
    appUrl: string;
    corsOrigins: string[] | true;
    bodyLimitBytes: number;
    uploadMaxBytes: number;
    shutdownTimeoutMs: number;
    docsEnabled: boolean;
  };
  readonly log: { level: string };
  readonly database: {
    /** Set when an external MongoDB is used; otherwise the embedded FerretDB starts. */
    uri?: string;
    /** Strict writes on FerretDB, pass-through on MongoDB (src/infra/database/write-guard.ts). */
    engine: 'mongodb' | 'ferretdb';
    embeddedDbName: string;
    dataDir: string;
    ferretDbBinary: string;
    /** Backend of the embedded FerretDB: a PostgreSQL database when set, otherwise SQLite files. */
    ferretDbPostgresqlUrl?: string;
  };
  readonly redis: { url?: string; keyPrefix: string };
  readonly cache: { ttlSeconds: number };
  readonly auth: {
    jwtSecret: string;
    /** True when no JWT_SECRET was given outside production: tokens do not survive a restart. */
    jwtSecretGenerated: boolean;
    accessTtlSeconds: number;
    refreshTtlSeconds: number;
    /** Failed sign-ins per account per hour before the account is guarded (ASVS 2.2.1: at most 100). */
    loginFailureLimit: number;
    /** While guarded, one password attempt per this many seconds from an address that has not failed. */
    loginLockedDelaySeconds: number;
    /** Days the audit log keeps an entry before the hourly purge deletes it. */
    auditRetentionDays: number;
    /** The administrator ensured at start-up, when configured. */
    admin?: { email: string; password: string };
  };
  /** The key that seals stored secrets; non-enumerable, so logging the config never prints it. */
  readonly crypto: { encryptionKey: Buffer };
  readonly webhooks: { allowPrivateTargets: boolean };
  /** Thresholds of the classroom intervention alerts. */
  readonly alerts: { lowMastery: number; inactiveDays: number; decline: number };
  readonly oidc: { allowHttpIssuers: boolean };
  readonly throttle: {
    windowSeconds: number;
    limit: number;
    authLimit: number;
    generationPerMinute: number;
    analyticsPerMinute: number;
  };
  readonly learning: {
    fsrsDesiredRetention: number;
    predictionTargetSuccess: number;
    comparisonMinCohort: number;
    calendarUidDomain: string;
  };
  readonly adaptive: { targetSuccess: number };
  /** Without an SMTP URL, emails are rendered and logged instead of sent. */
  readonly mail: { smtpUrl?: string; from: string };

  /** Question generation: which provider, where, and how patiently. The API key is never logged. */
  readonly llm: {
    provider: 'offline' | 'openai' | 'anthropic';
    baseUrl: string;
    apiKey: string;
    model: string;
    timeoutMs: number;
    maxRetries: number;
  };
  readonly questions: { recalibrationMinAnswers: number };
  /** Stored files: the driver, and for S3 where the bucket is (the secret key is non-enumerable). */
  readonly storage: {
    driver: 'local' | 's3';
    s3: {
      endpoint?: string;
      region: string;
      bucket: string;
      accessKeyId: string;
      secretAccessKey: string;
      forcePathStyle: boolean;
      presignedDownloadSeconds: number;
    };
  };
  /** Stripe keys are non-enumerable, so serialising or logging the config never prints them. */
  readonly marketplace: {
    stripeSecretKey?: string;
    stripeWebhookSecret?: string;
    stripeApiUrl?: string;
    feePercent: number;
    feeMinimumMinor: number;
    returnUrl: string;
  };

  constructor(env: Environment) {
    this.env = env.NODE_ENV as AppConfig['env'];
    this.http = {
      port: env.PORT,
      host: env.HOST,
      publicUrl: env.PUBLIC_URL,
      appUrl: env.APP_URL.replace(/\/+$/, ''),
      corsOrigins: env.CORS_ORIGINS.trim() === '*' ? true : splitList(env.CORS_ORIGINS),
      bodyLimitBytes: env.BODY_LIMIT_BYTES,
      uploadMaxBytes: env.UPLOAD_MAX_BYTES,
      shutdownTimeoutMs: env.SHUTDOWN_TIMEOUT_MS,
      docsEnabled: env.DOCS_ENABLED,
    };
    this.log = { level: env.LOG_LEVEL };
    this.database = {
      uri: env.MONGODB_URI,
      engine: env.DATABASE_ENGINE ?? (env.MONGODB_URI ? 'mongodb' : 'ferretdb'),
      embeddedDbName: env.MONGODB_DB_NAME,
      dataDir: resolve(env.DATA_DIR),
      ferretDbBinary: resolve(env.FERRETDB_BINARY),
      ferretDbPostgresqlUrl: env.FERRETDB_POSTGRESQL_URL,
    };
    this.redis = { url: env.REDIS_URL, keyPrefix: env.REDIS_KEY_PREFIX };
    this.cache = { ttlSeconds: env.CACHE_TTL_SECONDS };
    this.auth = {
      jwtSecret: env.JWT_SECRET ?? randomBytes(32).toString('base64url'),
      jwtSecretGenerated: env.JWT_SECRET === undefined,
      accessTtlSeconds: env.JWT_ACCESS_TTL_SECONDS,
      refreshTtlSeconds: env.JWT_REFRESH_TTL_SECONDS,
      loginFailureLimit: env.LOGIN_FAILURE_LIMIT,
      loginLockedDelaySeconds: env.LOGIN_LOCKED_DELAY_SECONDS,
      auditRetentionDays: env.AUDIT_RETENTION_DAYS,
      admin:
        env.ADMIN_EMAIL && env.ADMIN_PASSWORD
          ? { email: env.ADMIN_EMAIL, password: env.ADMIN_PASSWORD }
          : undefined,
    };
    this.crypto = Object.defineProperty({}, 'encryptionKey', {
      value: env.ENCRYPTION_KEY
        ? Buffer.from(env.ENCRYPTION_KEY, 'base64')
        : Buffer.from(hkdfSync('sha256', this.auth.jwtSecret, '', 'secret-box', 32)),
      enumerable: false,
    }) as AppConfig['crypto'];
    this.webhooks = { allowPrivateTargets: env.WEBHOOKS_ALLOW_PRIVATE_TARGETS };
    this.alerts = {
      lowMastery: env.ALERT_LOW_MASTERY,
      inactiveDays: env.ALERT_INACTIVE_DAYS,
      decline: env.ALERT_DECLINE,
    };
    this.oidc = { allowHttpIssuers: env.OIDC_ALLOW_HTTP_ISSUERS };
    this.throttle = {
      windowSeconds: env.THROTTLE_WINDOW_SECONDS,
      limit: env.THROTTLE_LIMIT,
      authLimit: env.AUTH_THROTTLE_LIMIT,
      generationPerMinute: env.GENERATION_RATE_LIMIT_PER_MINUTE,
      analyticsPerMinute: env.ANALYTICS_RATE_LIMIT_PER_MINUTE,
    };
    this.learning = {
      fsrsDesiredRetention: env.FSRS_DESIRED_RETENTION,
      predictionTargetSuccess: env.PREDICTION_TARGET_SUCCESS,
      comparisonMinCohort: env.COMPARISON_MIN_COHORT,
      calendarUidDomain: env.CALENDAR_UID_DOMAIN,
    };
    this.adaptive = { targetSuccess: env.ADAPTIVE_TARGET_SUCCESS };
    this.mail = { smtpUrl: env.SMTP_URL, from: env.MAIL_FROM };
    // The key is non-enumerable, so serialising or logging the config never prints it.
    this.llm = Object.defineProperty(
      {
        provider: env.LLM_PROVIDER as AppConfig['llm']['provider'],
        baseUrl: env.LLM_BASE_URL.replace(/\/+$/, ''),
        model: env.LLM_MODEL,
        timeoutMs: env.LLM_TIMEOUT_MS,
        maxRetries: env.LLM_MAX_RETRIES,
      },
      'apiKey',
      { value: env.LLM_API_KEY, enumerable: false },
    ) as AppConfig['llm'];
    this.questions = { recalibrationMinAnswers: env.RECALIBRATION_MIN_ANSWERS };
    this.storage = {
      driver: env.STORAGE_DRIVER as AppConfig['storage']['driver'],
      s3: Object.defineProperty(
        {
          endpoint: env.S3_ENDPOINT?.replace(/\/+$/, ''),
          region: env.S3_REGION,
          bucket: env.S3_BUCKET,
          accessKeyId: env.S3_ACCESS_KEY_ID,
          forcePathStyle: env.S3_FORCE_PATH_STYLE,
          presignedDownloadSeconds: env.S3_PRESIGNED_DOWNLOAD_SECONDS,
        },
        'secretAccessKey',
        { value: env.S3_SECRET_ACCESS_KEY, enumerable: false },
      ) as AppConfig['storage']['s3'],
    };
    this.marketplace = Object.defineProperties(
      {
        stripeApiUrl: env.STRIPE_API_URL,
        feePercent: env.MARKETPLACE_FEE_PERCENT,
        feeMinimumMinor: env.MARKETPLACE_FEE_MIN_MINOR,
        returnUrl: env.MARKETPLACE_RETURN_URL,
      },
      {
        stripeSecretKey: { value: env.STRIPE_SECRET_KEY, enumerable: false },
        stripeWebhookSecret: { value: env.STRIPE_WEBHOOK_SECRET, enumerable: false },
      },
    ) as AppConfig['marketplace'];
  }
}

function splitList(value: string): string[] {
  return value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}

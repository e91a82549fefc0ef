import { Global, Module } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { AppConfig } from './app-config';
import { parseEnvironment } from './environment';

export const APP_CONFIG_KEY = 'app';

/** Loads `.env` (outside tests), validates the environment once and provides the typed AppConfig. */
export function loadAppConfig(): AppConfig {
  return new AppConfig(parseEnvironment(process.env));
}

@Global()
@Module({
  imports: [
    ConfigModule.forRoot({
      ignoreEnvFile: process.env.NODE_ENV === 'test',
      envFilePath: '.env',
      load: [() => ({ [APP_CONFIG_KEY]: loadAppConfig() })],
    }),
  ],
  providers: [
    {
      provide: AppConfig,
      inject: [ConfigService],
      useFactory: (config: ConfigService) => config.getOrThrow<AppConfig>(APP_CONFIG_KEY),
    },
  ],
  exports: [AppConfig],
})
export class AppConfigModule {}

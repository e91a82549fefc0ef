export { AppConfig } from './app-config';
export { AppConfigModule, loadAppConfig } from './config.module';
export { ConfigurationError, parseEnvironment } from './environment';

import { AppConfig } from '../config/app-config';
import { ConfigurationError, parseEnvironment } from '../config/environment';

describe('ADAPTIVE_TARGET_SUCCESS', () => {
  it('defaults to 70 % and reaches the typed config', () => {
    expect(parseEnvironment({}).ADAPTIVE_TARGET_SUCCESS).toBe(0.7);
    expect(new AppConfig(parseEnvironment({ ADAPTIVE_TARGET_SUCCESS: '0.85' })).adaptive).toEqual({
      targetSuccess: 0.85,
    });
  });

  it.each(['0', '1', '0.99', '-0.5', 'seventy', '70%'])(
    'refuses %s with one clear line',
    (value) => {
      expect(() => parseEnvironment({ ADAPTIVE_TARGET_SUCCESS: value })).toThrow(
        ConfigurationError,
      );
      expect(() => parseEnvironment({ ADAPTIVE_TARGET_SUCCESS: value })).toThrow(
        /^Invalid configuration: ADAPTIVE_TARGET_SUCCESS [^\n]*\(got "/,
      );
    },
  );
});

/** Recognisable in logs and secret scanners: `alk_<key id>_<256 random bits>`. */
export const API_KEY_FORMAT = /^alk_([0-9a-f]{24})_([A-Za-z0-9_-]{43})$/;
export const isApiKey = (value: string): boolean => value.startsWith('alk_');

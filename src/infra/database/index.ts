export { duplicateKeyCount, isDuplicateKey } from './duplicate-key';
export { Outbox, type PendingEffect } from './outbox';
export { type DatabaseEngine, WriteGuard } from './write-guard';
export { isDatabaseUnreachable } from './unreachable';

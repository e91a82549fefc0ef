export { IdempotencyKey } from './idempotency-key.decorator';
export { IsObjectId, isObjectIdHex } from './object-id';
export { ParseObjectIdPipe } from './object-id.pipe';
export { TopicParamPipe } from './topic-param.pipe';
export { Optional } from './optional';

export { LocalObjectStorage } from './local-object-storage';
export {
  FileTooLargeError,
  ObjectStorage,
  StorageUnavailableError,
  type PutResult,
  type StoredObject,
} from './object-storage';
export { S3ObjectStorage, type S3Settings } from './s3-object-storage';
export { StorageModule } from './storage.module';

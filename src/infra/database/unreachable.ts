import mongoose from 'mongoose';

/** The driver could not reach the server (down, restarting, connection lost), as opposed to a bad query. */
export function isDatabaseUnreachable(error: unknown): boolean {
  const { mongo } = mongoose;
  if (
    error instanceof mongo.MongoNetworkError ||
    error instanceof mongo.MongoServerSelectionError ||
    error instanceof mongo.MongoNotConnectedError ||
    error instanceof mongo.MongoTopologyClosedError ||
    error instanceof mongoose.Error.MongooseServerSelectionError
  ) {
    return true;
  }
  return error instanceof mongoose.Error && /buffering timed out/.test(error.message);
}

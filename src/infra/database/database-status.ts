import { Injectable } from '@nestjs/common';

/** What serves the data: MongoDB itself, or FerretDB on one of its backends. */
export type RunningEngine = 'mongodb' | 'ferretdb/postgresql' | 'ferretdb/sqlite' | 'ferretdb';

/**
 * Which engine runs and whether it answers right now. The embedded FerretDB's supervisor and the
 * connection's events keep it current, so requests fail fast (503) instead of waiting on a dead server.
 */
@Injectable()
export class DatabaseStatus {
  engine: RunningEngine = 'mongodb';
  private embeddedUp = true;
  private connectionUp = true;

  get up(): boolean {
    return this.embeddedUp && this.connectionUp;
  }

  setEmbeddedUp(up: boolean): void {
    this.embeddedUp = up;
  }

  setConnectionUp(up: boolean): void {
    this.connectionUp = up;
  }
}

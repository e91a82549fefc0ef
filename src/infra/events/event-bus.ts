import { Injectable, Logger } from '@nestjs/common';

/** Something that happened in the domain, about one user. Versioned by `type`, never by shape changes. */
export interface DomainEvent {
  type: string;
  /** The user the event is about (whose webhooks and live views hear of it). */
  userId: string;
  occurredAt: Date;
  data: Record<string, unknown>;
}

export type DomainEventHandler = (event: DomainEvent) => Promise<void> | void;

/**
 * The in-process event bus: services publish what happened, listeners (webhooks, live views) react.
 * Publishing never waits for listeners nor fails because of them: each runs on its own and logs errors.
 */
@Injectable()
export class EventBus {
  private readonly logger = new Logger('Events');
  private readonly handlers: { name: string; handle: DomainEventHandler }[] = [];

  subscribe(name: string, handle: DomainEventHandler): void {
    this.handlers.push({ name, handle });
  }

  publish(event: DomainEvent): void {
    for (const { name, handle } of this.handlers) {
      void Promise.resolve()
        .then(() => handle(event))
        .catch((error: Error) =>
          this.logger.error(`${name} failed on ${event.type}: ${error.message}`),
        );
    }
  }
}

import { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface CapturedEmail {
  from: string;
  to: string[];
  subject: string;
  html: string;
  text: string;
  /** Raw header lines by lower-case name (the last one wins). */
  headers: Record<string, string>;
}

/** A real SMTP server on a loopback port that keeps every message it receives. */
export class SmtpCapture {
  readonly messages: CapturedEmail[] = [];
  private readonly server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData: (stream, session, callback) => {
      simpleParser(stream)
        .then((mail) => {
          this.messages.push({
            from: mail.from?.text ?? '',
            to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
            subject: mail.subject ?? '',
            html: typeof mail.html === 'string' ? mail.html : '',
            text: mail.text ?? '',
            headers: Object.fromEntries(
              mail.headerLines.map((header) => [
                header.key,
                header.line.slice(header.line.indexOf(':') + 1).trim(),
              ]),
            ),
          });
          callback();
        })
        .catch(callback);
    },
  });

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.server.address() as AddressInfo;
    return `smtp://127.0.0.1:${port}`;
  }

  /** Waits until a message for `to` arrives (the outbox sends in the background). */
  async waitFor(to: string, timeoutMs = 15000): Promise<CapturedEmail> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const message = this.messages.find((m) => m.to.includes(to));
      if (message) return message;
      if (Date.now() > deadline) throw new Error(`No email to ${to} within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/**
 * A real SMTP server on loopback (smtp-server) that offers STARTTLS with a self-signed certificate,
 * takes one login, and parses every mail it receives (mailparser).
 */
import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';
import type { AddressInfo } from 'node:net';

export interface ReceivedMail {
  readonly parsed: ParsedMail;
  /** Whether the mail came over TLS (after STARTTLS). */
  readonly secure: boolean;
  readonly user: string | undefined;
}

export interface SmtpSink {
  readonly port: number;
  readonly received: ReceivedMail[];
  close(): Promise<void>;
}

export async function startSmtpSink(tls: { key: string; cert: string }, login: { user: string; pass: string }): Promise<SmtpSink> {
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    secure: false,
    key: tls.key,
    cert: tls.cert,
    authMethods: ['PLAIN', 'LOGIN'],
    onAuth(auth, _session, callback) {
      if (auth.username === login.user && auth.password === login.pass) callback(null, { user: auth.username });
      else callback(new Error('Invalid username or password'));
    },
    onData(stream, session, callback) {
      simpleParser(stream).then(
        (parsed) => {
          received.push({ parsed, secure: session.secure, user: typeof session.user === 'string' ? session.user : undefined });
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return { port, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

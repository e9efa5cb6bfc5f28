/**
 * Desktops on one server's event stream, in a process of their own (so the server's RSS is its
 * own): opens COUNT streams, prints `ready` once each has its first frame, and hangs up and exits
 * when its stdin closes. What arrives is read and dropped, as fast as the server sends it.
 * Usage: tsx tests/bench/desktop-host.ts URL TOKEN[,TOKEN…] COUNT (the streams take the tokens in turn)
 */
import { request, type ClientRequest } from 'node:http';

const [url, tokenList, count] = process.argv.slice(2);
const tokens = tokenList!.split(',');
const requests = await Promise.all(
  Array.from(
    { length: Number(count) },
    (_, i) =>
      new Promise<ClientRequest>((resolve, reject) => {
        const req = request(`${url}/api/v1/events`, { headers: { authorization: `Bearer ${tokens[i % tokens.length]}` } }, (res) => {
          res.once('data', () => resolve(req));
          res.on('data', () => {});
        });
        req.on('error', reject);
        req.end();
      }),
  ),
);
process.stdout.write('ready\n');
process.stdin.on('data', () => {});
process.stdin.on('end', () => {
  requests.forEach((req) => req.destroy());
  process.exit(0);
});

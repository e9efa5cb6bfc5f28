/**
 * A stand-in for `backwatch serve` on loopback HTTPS that answers the team API's GETs with
 * whatever text the test sets, and sends the event frames the test pushes: a server of another
 * version, or no Backwatch server at all. A config folder made by `teamConfigDir` reads it.
 */
import { X509Certificate, createHash } from 'node:crypto';
import { createServer, type Server } from 'node:https';
import type { ServerResponse } from 'node:http';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { JobView } from '../../src-main/common/ipc-contract.js';
import { openConfigFile } from '../../src-main/core/config/conf-config-file.js';
import { makeSelfSignedCertificate } from '../../src-main/demo/sim/sim-certificate.js';
import { makeSession } from '../unit/common/factories.js';
import { applianceView, jobState, snapshotOf } from '../unit/renderer/job-fixtures.js';

export type TeamAnswer = 'status' | 'jobs' | 'sessions' | 'objects' | 'maintenance';

export interface FakeTeamServer {
  readonly url: string;
  readonly fingerprint256: string;
  readonly pem: string;
  /** The text of each GET's answer; good ones to begin with. */
  readonly answers: Record<TeamAnswer, string>;
  /** The query of each GET, in the order asked (`objects?state=at_risk`). */
  readonly asked: string[];
  /** Sends an event frame, its data as given, to every open stream. */
  push(event: string, data: string): void;
  readonly streams: () => number;
  close(): Promise<void>;
}

/** Answers as a real server of this version gives them, for one appliance with one job and one run. */
export function goodTeamAnswers(): Record<TeamAnswer, string> {
  const job = jobState({ jobId: 'j1', jobName: 'Nightly VMs' });
  const jobs: JobView[] = [{ ...job, applianceName: 'SPP prod', vendor: 'spp' }];
  return {
    status: JSON.stringify(snapshotOf([applianceView('a1', 'SPP prod', [job])], {})),
    jobs: JSON.stringify(jobs),
    sessions: JSON.stringify([makeSession({ id: 's1' })]),
    maintenance: '[]',
    objects: JSON.stringify({
      objects: [],
      matching: 0,
      counts: { unprotected: 0, at_risk: 0, protected: 0, excluded: 0 },
      coverage: [],
      reads: [],
      exclusions: [],
    }),
  };
}

export async function startFakeTeamServer(): Promise<FakeTeamServer> {
  const tls = await makeSelfSignedCertificate('backwatch.team');
  const answers = goodTeamAnswers();
  const open = new Set<ServerResponse>();
  const asked: string[] = [];
  const server: Server = createServer({ key: tls.key, cert: tls.cert }, (req, res) => {
    const url = new URL(req.url ?? '/', 'https://x');
    const route = url.pathname.replace('/api/v1/', '');
    asked.push(`${route}${url.search}`);
    if (route === 'events') {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(': hello\n\n');
      open.add(res);
      res.on('close', () => open.delete(res));
      return;
    }
    const text = answers[route as TeamAnswer];
    if (text === undefined) return void res.writeHead(404).end('{"error":"not found"}');
    res.writeHead(200, { 'content-type': 'application/json' }).end(text);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const pem = tls.cert;
  const fingerprint256 = createHash('sha256').update(new X509Certificate(pem).raw).digest('hex').toUpperCase().match(/../g)!.join(':');
  return {
    url: `https://127.0.0.1:${(server.address() as AddressInfo).port}`,
    fingerprint256,
    pem,
    answers,
    asked,
    push: (event, data) => open.forEach((res) => res.write(`event: ${event}\ndata: ${data}\n\n`)),
    streams: () => open.size,
    async close() {
      open.forEach((res) => res.destroy());
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** A config folder that reads `server`, its certificate pinned, the token in the variable BW_TOKEN. */
export async function teamConfigDir(server: FakeTeamServer): Promise<string> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'backwatch-odd-server-'));
  const config = openConfigFile(dir);
  await config.update((d) => ({
    ...d,
    teamServer: {
      url: server.url,
      credential: { kind: 'env', variable: 'BW_TOKEN' },
      certificate: { fingerprint256: server.fingerprint256, pem: server.pem },
    },
  }));
  config.close();
  return dir;
}

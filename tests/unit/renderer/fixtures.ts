/** Sessions and a scriptable BackwatchApi for the renderer's unit tests. */
import { createBackwatchApi, type ClientTransport } from '../../../src-main/common/ipc-channels.js';
import type { BackwatchApi, IpcEventChannel, IpcRequestChannel } from '../../../src-main/common/ipc-contract.js';
import { NO_PROGRESS, type Session } from '../../../src-main/common/model.js';

export function session(over: Partial<Session> & Pick<Session, 'id'>): Session {
  return {
    applianceId: 'a1',
    vendor: 'spp',
    jobId: 'j1',
    jobName: 'Nightly VMs',
    type: null,
    status: 'succeeded',
    vendorStatus: 'COMPLETED',
    start: '2025-01-01T10:00:00.000Z',
    end: '2025-01-01T10:10:00.000Z',
    durationMs: 600_000,
    progress: NO_PROGRESS,
    message: null,
    logLink: null,
    ...over,
  };
}

/** A transport whose answers the test scripts, and whose events the test pushes. */
export function fakeMain(answers: Partial<Record<IpcRequestChannel, (arg: unknown) => unknown>>) {
  const listeners = new Map<IpcEventChannel, Set<(payload: unknown) => void>>();
  const calls: { channel: IpcRequestChannel; arg: unknown }[] = [];
  const transport: ClientTransport = {
    async invoke(channel, arg) {
      calls.push({ channel, arg });
      const answer = answers[channel];
      if (!answer) throw new Error(`unexpected request ${channel}`);
      return answer(arg);
    },
    subscribe(event, listener) {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(listener);
      return () => set.delete(listener);
    },
  };
  const api: BackwatchApi = createBackwatchApi(transport);
  return {
    api,
    calls,
    emit: (event: IpcEventChannel, payload: unknown) => listeners.get(event)?.forEach((l) => l(payload)),
    listenerCount: (event: IpcEventChannel) => listeners.get(event)?.size ?? 0,
  };
}

export const flush = () => new Promise((r) => setTimeout(r, 0));

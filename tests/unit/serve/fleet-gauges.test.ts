import { describe, expect, it } from 'vitest';
import type { JobView } from '../../../src-main/common/ipc-contract.js';
import type { ApplianceState } from '../../../src-main/common/snapshot.js';
import { escapeLabelValue } from '../../../src-main/serve/exposition.js';
import { createFleetGauges } from '../../../src-main/serve/fleet-gauges.js';
import { at, makeApplianceState, makeFleet, makeHealth, makeJobState, makeSession } from '../common/factories.js';

const viewOf = (state: ApplianceState, over: Parameters<typeof makeJobState>[0]): JobView => ({
  ...makeJobState({ applianceId: state.appliance.id, ...over }),
  applianceName: state.appliance.name,
  vendor: state.appliance.vendor,
});

/** The value of one series in an exposition, or undefined when it is absent. */
const sample = (text: string, series: string) => {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
};

const render = (gauges: ReturnType<typeof createFleetGauges>, ...args: Parameters<ReturnType<typeof createFleetGauges>['render']>) =>
  Buffer.concat(gauges.render(...args)).toString('utf8');

describe('fleet gauges', () => {
  it('escapes label values as the text format wants', () => {
    expect(escapeLabelValue('a\\b"c"\nd')).toBe('a\\\\b\\"c\\"\\nd');
  });

  it('writes one header per family and one series per job and appliance, names escaped', () => {
    const spp = makeApplianceState({ appliance: { id: 'a1', name: 'SPP "prod"' } });
    const vbr = makeApplianceState({ appliance: { id: 'a2', name: 'VBR', vendor: 'vbr' } });
    const text = render(createFleetGauges(), makeFleet([spp, vbr]), [
      viewOf(spp, { jobId: 'j1', jobName: 'Nightly', lastOutcome: 'failed' }),
      viewOf(vbr, { jobId: 'j9', jobName: 'Weekly', running: true }),
    ]);
    expect(text.match(/^# TYPE backwatch_job_running gauge$/gm)).toHaveLength(1);
    expect(sample(text, 'backwatch_job_last_status{appliance="SPP \\"prod\\"",vendor="spp",job="Nightly",status="failed"}')).toBe(1);
    expect(sample(text, 'backwatch_job_last_status{appliance="SPP \\"prod\\"",vendor="spp",job="Nightly",status="succeeded"}')).toBe(0);
    expect(sample(text, 'backwatch_job_running{appliance="VBR",vendor="vbr",job="Weekly"}')).toBe(1);
    expect(sample(text, 'backwatch_job_rpo_seconds{appliance="VBR",vendor="vbr",job="Weekly"}')).toBe(93_600);
    expect(sample(text, 'backwatch_appliance_up{appliance="VBR",vendor="vbr"}')).toBe(1);
    expect(sample(text, 'backwatch_appliance_health{appliance="VBR",vendor="vbr",state="ok"}')).toBe(1);
  });

  it('writes an appliance again when its jobs or its health are new objects, and only then', () => {
    const gauges = createFleetGauges();
    const session = makeSession({ id: 's1', durationMs: 90_000 });
    const state = makeApplianceState({ sessions: [session] });
    const job = viewOf(state, { jobId: 'j1', jobName: 'Nightly VMs', lastOutcomeSessionId: 's1' });
    const first = render(gauges, makeFleet([state]), [job]);
    const series = 'backwatch_job_last_duration_seconds{appliance="SPP prod",vendor="spp",job="Nightly VMs"}';
    expect(sample(first, series)).toBe(90);

    // The same objects: the lines kept, even though the session (not an input) was swapped behind them.
    const swapped = { ...state, sessions: [{ ...session, durationMs: 1000 }] };
    expect(sample(render(gauges, makeFleet([swapped]), [job]), series)).toBe(90);

    const running = viewOf(state, { jobId: 'j1', jobName: 'Nightly VMs', lastOutcomeSessionId: 's1', running: true });
    const next = render(gauges, makeFleet([swapped]), [running]);
    expect(sample(next, series)).toBe(1);
    expect(sample(next, 'backwatch_job_running{appliance="SPP prod",vendor="spp",job="Nightly VMs"}')).toBe(1);

    const down = { ...swapped, health: makeHealth({ state: 'unreachable', lastGoodPoll: at(-60_000) }) };
    const later = render(gauges, makeFleet([down]), [running]);
    expect(sample(later, 'backwatch_appliance_up{appliance="SPP prod",vendor="spp"}')).toBe(0);
    expect(sample(later, 'backwatch_appliance_last_good_poll_timestamp_seconds{appliance="SPP prod",vendor="spp"}')).toBe(
      Date.parse(at(-60_000)) / 1000,
    );
  });

  it('forgets an appliance that left the fleet', () => {
    const gauges = createFleetGauges();
    const state = makeApplianceState();
    render(gauges, makeFleet([state]), [viewOf(state, { jobId: 'j1' })]);
    expect(render(gauges, makeFleet([]), [])).not.toContain('appliance="SPP prod"');
  });
});

import { describe, expect, it } from 'vitest';
import { NO_PROGRESS, type ResourceProgress } from '../../../src-main/common/model.js';
import { overallProgress, progressOfResources } from '../../../src-main/common/progress.js';

const resource = (percent: number | null, status: ResourceProgress['status'] = 'running'): ResourceProgress => ({
  resourceName: `vm-${percent}`,
  type: null,
  status,
  vendorStatus: status,
  percent,
  transferredText: null,
  throughputBytesPS: null,
  elapsedSec: null,
});

describe('progressOfResources', () => {
  it('is the one resource’s percent when there is one', () => {
    expect(progressOfResources([resource(37)])).toEqual({ percent: 37, completed: 0, total: 1, unit: 'resources' });
  });

  it('counts a resource without a percent as not started', () => {
    expect(progressOfResources([resource(80), resource(null, 'queued')]).percent).toBe(40);
  });

  it('counts finished resources, whatever their outcome', () => {
    expect(progressOfResources([resource(100, 'succeeded'), resource(45, 'failed'), resource(10)]).completed).toBe(2);
  });
});

describe('overallProgress', () => {
  const reported = { percent: 12, completed: 1, total: 3, unit: 'resources' };

  it('follows the listed resources over what the session reported earlier', () => {
    expect(overallProgress(reported, [resource(64)]).percent).toBe(64);
  });

  it('keeps the session’s own progress when no resource is listed', () => {
    expect(overallProgress(reported, null)).toBe(reported);
    expect(overallProgress(reported, [])).toBe(reported);
    expect(overallProgress(NO_PROGRESS, null)).toBe(NO_PROGRESS);
  });
});

import { describe, expect, it } from 'vitest';
import {
  allSessionsRequest,
  jobSessionsRequest,
  jobsRequest,
  nextPageRequest,
  passwordTokenRequest,
  readVb365Version,
  refreshTokenRequest,
} from '../../../src-main/core/connectors/vb365/vb365-requests.js';

const form = (body: unknown): Record<string, string> => Object.fromEntries(body as URLSearchParams);

describe('VB365 request builders', () => {
  it('sends the password grant form-encoded, with disable_antiforgery_token from v7', () => {
    const v6 = passwordTokenRequest('v6', 'admin@contoso', 'p&ss=1');
    expect(v6).toMatchObject({ method: 'POST', path: '/v6/Token', retries: 0 });
    expect(form(v6.body)).toEqual({ grant_type: 'password', username: 'admin@contoso', password: 'p&ss=1' });
    expect(form(passwordTokenRequest('v7', 'u', 'p').body)).toMatchObject({ disable_antiforgery_token: 'true' });
    expect(form(refreshTokenRequest('v8', 'r-1').body)).toEqual({
      grant_type: 'refresh_token',
      refresh_token: 'r-1',
      disable_antiforgery_token: 'true',
    });
    expect(form(refreshTokenRequest('v5', 'r-1').body)).toEqual({ grant_type: 'refresh_token', refresh_token: 'r-1' });
  });

  it('asks for the sessions of one job where each version keeps them', () => {
    const paging = { offset: 0, limit: 10 };
    expect(jobSessionsRequest('v5', 'j 1', paging)).toEqual({ path: '/v5/Jobs/j%201/JobSessions', query: paging });
    expect(jobSessionsRequest('v6', 'j1', paging, { endTimeLowerBound: '2024-01-01T00:00:00.000Z' }).path).toBe('/v6/Jobs/j1/JobSessions');
    expect(jobSessionsRequest('v7', 'j1', paging)).toEqual({ path: '/v7/JobSessions', query: { jobId: 'j1', ...paging } });
    expect(jobSessionsRequest('v8', 'j1', paging, { endTimeLowerBound: 'T' }).query).toEqual({
      jobId: 'j1',
      ...paging,
      endTimeLowerBound: 'T',
    });
    expect(allSessionsRequest('v6', { offset: 30, limit: 30 })).toEqual({ path: '/v6/JobSessions', query: { offset: 30, limit: 30 } });
  });

  it('pages jobs only from v8 (older versions answer a bare array)', () => {
    expect(jobsRequest('v7', { offset: 0, limit: 100 })).toEqual({ path: '/v7/Jobs' });
    expect(jobsRequest('v8', { offset: 0, limit: 100 })).toEqual({ path: '/v8/Jobs', query: { offset: 0, limit: 100 } });
  });

  it('follows absolute, root-relative and version-relative next links, keeping only the path', () => {
    expect(nextPageRequest('v5', 'https://abc.tech.local:4443/v5/JobSessions?offset=30&limit=30')).toEqual({
      path: '/v5/JobSessions?offset=30&limit=30',
    });
    expect(nextPageRequest('v6', '/v6/JobSessions?offset=30&limit=30')).toEqual({ path: '/v6/JobSessions?offset=30&limit=30' });
    expect(nextPageRequest('v7', 'JobSessions?offset=30&limit=30')).toEqual({ path: '/v7/JobSessions?offset=30&limit=30' });
  });

  it('reads a user-set API version leniently and refuses others', () => {
    expect(readVb365Version('v7')).toBe('v7');
    expect(readVb365Version('V6')).toBe('v6');
    expect(readVb365Version('8')).toBe('v8');
    expect(readVb365Version('v4')).toBeNull();
    expect(readVb365Version('')).toBeNull();
    expect(readVb365Version(undefined)).toBeNull();
  });
});

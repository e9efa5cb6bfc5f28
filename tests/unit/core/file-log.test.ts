import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileLogSink, LOG_FILE_NAME } from '../../../src-main/core/file-log.js';
import { createLogger } from '../../../src-main/core/logger.js';

describe('the log file', () => {
  it('appends one line per event with time, level and fields', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'backwatch-log-'));
    const log = createLogger(fileLogSink({ dir, now: () => new Date('2026-01-02T03:04:05Z') }), 'SPP prod');
    log.warn('The appliance did not answer in time.', { attempt: 2 });
    log.info('Back to normal.');
    expect(readFileSync(path.join(dir, LOG_FILE_NAME), 'utf8').split('\n')).toEqual([
      '2026-01-02T03:04:05.000Z WARN  SPP prod: The appliance did not answer in time. {"attempt":2}',
      '2026-01-02T03:04:05.000Z INFO  SPP prod: Back to normal.',
      '',
    ]);
  });

  it('keeps a message with line breaks (a notification body) on its one line', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'backwatch-log-'));
    const log = createLogger(fileLogSink({ dir, now: () => new Date('2026-01-02T03:04:05Z') }));
    log.info('Notified: Backup failed: SQL Nightly\nEnded at 03:40.\r\n');
    expect(readFileSync(path.join(dir, LOG_FILE_NAME), 'utf8').split('\n')).toEqual([
      '2026-01-02T03:04:05.000Z INFO  Notified: Backup failed: SQL Nightly ⏎ Ended at 03:40.',
      '',
    ]);
  });

  it('rotates at its size cap and keeps one previous file', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'backwatch-log-'));
    const log = createLogger(fileLogSink({ dir, maxBytes: 400 }));
    for (let i = 0; i < 30; i++) log.info(`line ${i} ${'x'.repeat(40)}`);
    expect(readdirSync(dir).sort()).toEqual([LOG_FILE_NAME, `${LOG_FILE_NAME}.1`]);
    expect(readFileSync(path.join(dir, LOG_FILE_NAME), 'utf8').length).toBeLessThanOrEqual(400);
    expect(readFileSync(path.join(dir, LOG_FILE_NAME), 'utf8')).toContain('line 29');
  });

  it('stops quietly when the disk refuses, never throwing into the app', () => {
    const blocker = path.join(mkdtempSync(path.join(os.tmpdir(), 'backwatch-log-')), 'a-file');
    writeFileSync(blocker, '');
    const sink = fileLogSink({ dir: path.join(blocker, 'logs') });
    expect(() => sink({ level: 'error', message: 'x' })).not.toThrow();
    expect(() => sink({ level: 'error', message: 'y' })).not.toThrow();
  });
});

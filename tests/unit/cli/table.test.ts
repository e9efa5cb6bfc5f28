import { describe, expect, it } from 'vitest';
import { table } from '../../../src-main/cli/report.js';
import { displayWidth } from '../../../src-main/common/text.js';

describe('table', () => {
  it('lines up columns after CJK and emoji names', () => {
    const lines = table([
      ['JOB', 'STATE'],
      ['夜間バックアップ', 'ok'],
      ['DB 🔥 hot', 'failed'],
      ['plain', 'running'],
    ]).split('\n');
    const stateColumn = lines.map((line) => displayWidth(line.slice(0, line.lastIndexOf('  ') + 2)));
    expect(new Set(stateColumn).size).toBe(1);
    expect(stateColumn[0]).toBe(displayWidth('夜間バックアップ') + 2);
  });
});

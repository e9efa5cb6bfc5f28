import { describe, expect, it } from 'vitest';
import { table } from '../../../src-main/cli/report.js';
import { displayWidth, padToWidth } from '../../../src-main/common/text.js';

describe('displayWidth', () => {
  it.each([
    ['SQL Nightly', 11],
    ['夜間バックアップ', 16],
    ['백업', 4],
    ['ＡＢ', 4],
    ['DB 🔥', 5],
    ['👩‍💻 team', 7],
    ['❤️', 2],
    ['Café', 4],
    ['Cafe\u0301', 4],
    ['', 0],
  ])('%j takes %i columns', (text, columns) => {
    expect(displayWidth(text)).toBe(columns);
  });

  it('pads to columns, not to UTF-16 units', () => {
    expect(padToWidth('日本', 6)).toBe('日本  ');
    expect(padToWidth('toolong', 3)).toBe('toolong');
  });
});

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

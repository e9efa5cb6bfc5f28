import { describe, expect, it } from 'vitest';
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

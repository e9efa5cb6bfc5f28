import { expect, it } from 'vitest';
import { boundsSentence, SETTING_BOUNDS, type BoundedSetting } from '../../../src-main/common/settings.js';
import { settingsShape } from '../../../src-main/core/config/config-schema.js';

it('says each bounded setting’s bounds in words, and the schema refuses with that sentence', () => {
  expect(boundsSentence('pollIntervalSec')).toBe('The idle poll interval is a whole number from 5 to 86400.');
  for (const setting of Object.keys(SETTING_BOUNDS) as BoundedSetting[]) {
    const schema = setting === 'digestThreshold' ? settingsShape.notifications.shape.digestThreshold : settingsShape[setting];
    const { min, max } = SETTING_BOUNDS[setting];
    for (const bad of [min - 1, max + 1, min + 0.5, Number.NaN]) {
      expect(schema.safeParse(bad).error?.issues[0]?.message).toBe(boundsSentence(setting));
    }
    expect(schema.safeParse(min).success).toBe(true);
  }
});

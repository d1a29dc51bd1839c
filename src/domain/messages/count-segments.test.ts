import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countSegments } from './count-segments.js';

describe('countSegments: GSM-7', () => {
  it('an empty text is zero segments', () => {
    expect(countSegments('')).toEqual({ encoding: 'GSM-7', segments: 0, characters: 0, units: 0, unitsPerSegment: 160, nonGsmChars: [] });
  });
  it('160 characters fit one segment, 161 need two parts of 153', () => {
    expect(countSegments('a'.repeat(160))).toMatchObject({ segments: 1, units: 160, unitsPerSegment: 160 });
    expect(countSegments('a'.repeat(161))).toMatchObject({ segments: 2, units: 161, unitsPerSegment: 153 });
  });
  it('306 characters are two parts, 307 three', () => {
    expect(countSegments('a'.repeat(306)).segments).toBe(2);
    expect(countSegments('a'.repeat(307)).segments).toBe(3);
  });
  it('extension characters count two septets', () => {
    for (const ch of ['^', '{', '}', '\\', '[', '~', ']', '|', '€', '\f']) {
      expect(countSegments(ch)).toMatchObject({ encoding: 'GSM-7', units: 2, characters: 1 });
    }
    expect(countSegments('€'.repeat(80)).segments).toBe(1);
    expect(countSegments('€'.repeat(81)).segments).toBe(2);
  });
  it('an extension character is not split across parts', () => {
    // 152 basic + € (2) = 154 > 153: the € moves to part two, which then holds € + 150 more.
    expect(countSegments('a'.repeat(152) + '€' + 'a'.repeat(151)).segments).toBe(2);
    expect(countSegments('a'.repeat(152) + '€' + 'a'.repeat(152)).segments).toBe(3);
    // Without the split rule, 306 septets would be exactly two parts.
    expect(countSegments('a'.repeat(152) + '€' + 'a'.repeat(152)).units).toBe(306);
  });
  it('accented letters of the GSM basic set stay GSM-7', () => {
    expect(countSegments('Ñoño é à ü Ç ß Δ £ ¥ @').encoding).toBe('GSM-7');
  });
});

describe('countSegments: UCS-2', () => {
  it('a curly quote switches the whole message to UCS-2', () => {
    const r = countSegments('It’s a deal');
    expect(r).toMatchObject({ encoding: 'UCS-2', segments: 1, unitsPerSegment: 70, nonGsmChars: ['’'] });
    expect(countSegments('“Hi”').nonGsmChars).toEqual(['“', '”']);
  });
  it('70 units fit one segment, 71 need two parts of 67', () => {
    expect(countSegments('’' + 'a'.repeat(69))).toMatchObject({ segments: 1, units: 70 });
    expect(countSegments('’' + 'a'.repeat(70))).toMatchObject({ segments: 2, units: 71, unitsPerSegment: 67 });
    expect(countSegments('’' + 'a'.repeat(133)).segments).toBe(2);
    expect(countSegments('’' + 'a'.repeat(134)).segments).toBe(3);
  });
  it('an emoji is a surrogate pair: two units, one character', () => {
    const r = countSegments('Hi 😀');
    expect(r).toMatchObject({ encoding: 'UCS-2', units: 5, characters: 4, nonGsmChars: ['😀'] });
    expect(countSegments('😀'.repeat(35)).segments).toBe(1);
    expect(countSegments('😀'.repeat(36)).segments).toBe(2);
  });
  it('a surrogate pair is never split across parts', () => {
    // 66 units + a pair (2) = 68 > 67: the pair opens part two.
    expect(countSegments('’' + 'a'.repeat(65) + '😀' + 'a'.repeat(65)).segments).toBe(2);
    expect(countSegments('’' + 'a'.repeat(65) + '😀' + 'a'.repeat(66)).segments).toBe(3);
  });
});

describe('countSegments: properties', () => {
  it('segments stay within the bounds the units allow', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', 'b', ' ', '€', '^', '’', '😀', 'é', '\n'), maxLength: 600 }), (s) => {
        const r = countSegments(s);
        if (s === '') return r.segments === 0;
        const [single, part] = r.encoding === 'GSM-7' ? [160, 153] : [70, 67];
        if (r.units <= single) return r.segments === 1;
        return r.segments >= Math.ceil(r.units / part) && r.segments <= Math.ceil(r.units / (part - 1));
      }),
    );
  });
});

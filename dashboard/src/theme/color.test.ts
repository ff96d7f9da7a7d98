import { describe, expect, it } from 'vitest';
import { contrastRatio, paletteFor, parseHex, DEFAULT_BRAND } from './color';

describe('brand palette', () => {
  it('keeps text on the brand colour and brand-coloured text on white readable (WCAG AA 4.5:1)', () => {
    for (const color of ['#ffeb3b', '#00ff00', '#2b59c3', '#000000', '#ffffff', '#ff6f61', '#7c3aed', '#808080', '#0a84ff']) {
      const palette = paletteFor(color);
      expect(contrastRatio(parseHex(palette.brand)!, parseHex(palette.onBrand)!), color).toBeGreaterThanOrEqual(4.5);
      expect(contrastRatio(parseHex(palette.brandText)!, [255, 255, 255]), color).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('puts dark text on light brands and white text on dark ones', () => {
    expect(paletteFor('#ffeb3b').onBrand).toBe('#000000');
    expect(paletteFor('#1e3a8a').onBrand).toBe('#ffffff');
  });

  it('falls back to the default colour for anything that is not #rrggbb', () => {
    expect(paletteFor('red').brand).toBe(DEFAULT_BRAND);
    expect(paletteFor(null).brand).toBe(DEFAULT_BRAND);
    expect(paletteFor('#ABCDEF').brand).toBe('#abcdef');
  });
});

/**
 * White-label colours: from one brand colour, the palette the app needs with WCAG AA contrast
 * (4.5:1 for text): the colour itself for fills, readable text on it, and a variant dark enough
 * to use as text or links on white.
 */
export const DEFAULT_BRAND = '#2b59c3';

export function parseHex(color: string): [number, number, number] | null {
  const match = /^#?([0-9a-f]{6})$/i.exec(color.trim());
  if (!match) return null;
  const value = parseInt(match[1]!, 16);
  return [(value >> 16) & 255, (value >> 8) & 255, value & 255];
}

function toHex([r, g, b]: [number, number, number]): string {
  return `#${[r, g, b]
    .map((c) =>
      Math.round(Math.min(255, Math.max(0, c)))
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`;
}

/** WCAG relative luminance. */
export function luminance(rgb: [number, number, number]): number {
  const [r, g, b] = rgb.map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

export function contrastRatio(a: [number, number, number], b: [number, number, number]): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

const WHITE: [number, number, number] = [255, 255, 255];
// Black, not the app's ink: only black reaches 4.5:1 on every colour white does not (mid greys).
const INK: [number, number, number] = [0, 0, 0];

/** Darkens (towards black) until the colour reaches `ratio` against white. */
function darkenFor(rgb: [number, number, number], ratio: number): [number, number, number] {
  let current = rgb;
  for (let step = 0; step < 40 && contrastRatio(current, WHITE) < ratio; step += 1) {
    current = current.map((c) => c * 0.92) as [number, number, number];
  }
  return current;
}

export interface BrandPalette {
  /** Fills: buttons, active navigation, chart marks. */
  brand: string;
  /** Text and icons on a `brand` fill. */
  onBrand: string;
  /** The brand as text or links on white (>= 4.5:1). */
  brandText: string;
  /** A light tint for selected rows and focus backgrounds. */
  brandSoft: string;
}

export function paletteFor(color: string | null | undefined): BrandPalette {
  const rgb = parseHex(color ?? '') ?? parseHex(DEFAULT_BRAND)!;
  const onBrand = contrastRatio(rgb, WHITE) >= contrastRatio(rgb, INK) ? '#ffffff' : toHex(INK);
  const soft = rgb.map((c) => c + (255 - c) * 0.88) as [number, number, number];
  return { brand: toHex(rgb), onBrand, brandText: toHex(darkenFor(rgb, 4.5)), brandSoft: toHex(soft) };
}

/** Applies the palette as CSS custom properties on the document (the whole app reads them). */
export function applyPalette(palette: BrandPalette, root: HTMLElement = document.documentElement): void {
  root.style.setProperty('--brand', palette.brand);
  root.style.setProperty('--on-brand', palette.onBrand);
  root.style.setProperty('--brand-text', palette.brandText);
  root.style.setProperty('--brand-soft', palette.brandSoft);
}

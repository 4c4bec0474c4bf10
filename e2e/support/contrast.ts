import type { Locator } from '@playwright/test';

/**
 * WCAG contrast of an element's text against what is painted behind it: the
 * first opaque background among it and its ancestors, with translucent ones
 * composited on top, the text's alpha scaled by every opacity on the way.
 */
export function contrastOf(locator: Locator): Promise<number> {
  return locator.evaluate((node) => {
    type Rgba = [number, number, number, number];
    const parse = (css: string): Rgba => {
      const [r = 0, g = 0, b = 0, a = 1] = (css.match(/[\d.]+/g) ?? []).map(Number);
      return [r, g, b, css.startsWith('rgba') ? a : 1];
    };
    const over = (top: Rgba, below: Rgba): Rgba => [
      top[0] * top[3] + below[0] * (1 - top[3]),
      top[1] * top[3] + below[1] * (1 - top[3]),
      top[2] * top[3] + below[2] * (1 - top[3]),
      1,
    ];
    // The e2e project has no DOM typings: the one browser call used here, typed by hand.
    const styleOf = (
      globalThis as unknown as {
        getComputedStyle(el: unknown): { opacity: string; backgroundColor: string; color: string };
      }
    ).getComputedStyle;
    const layers: Rgba[] = [];
    let opacity = 1;
    for (let el: typeof node | null = node; el; el = el.parentElement as typeof node | null) {
      const style = styleOf(el);
      opacity *= Number(style.opacity);
      const bg = parse(style.backgroundColor);
      if (bg[3] > 0) layers.push(bg);
      if (bg[3] >= 1) break;
    }
    let back: Rgba = [255, 255, 255, 1];
    for (const layer of layers.reverse()) back = over(layer, back);
    const fg = parse(styleOf(node).color);
    const text = over([fg[0], fg[1], fg[2], fg[3] * opacity], back);
    const lum = ([r, g, b]: Rgba): number => {
      const c = (v: number) => {
        const s = v / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * c(r) + 0.7152 * c(g) + 0.0722 * c(b);
    };
    const [hi, lo] = [lum(text), lum(back)].sort((a, b) => b - a) as [number, number];
    return (hi + 0.05) / (lo + 0.05);
  });
}

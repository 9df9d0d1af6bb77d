import { expect, type Locator, type Page } from "@playwright/test";

export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1440, height: 900 };

/** The page itself never scrolls sideways (a table may scroll inside its own card). */
export async function expectNoPageOverflow(page: Page): Promise<void> {
  const { scroll, inner } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }));
  expect(scroll, "page is wider than the viewport").toBeLessThanOrEqual(inner);
}

/** The whole element is inside the viewport (not cut off at any edge). */
export async function expectInViewport(page: Page, locator: Locator): Promise<void> {
  const box = await locator.boundingBox();
  const vp = page.viewportSize()!;
  expect(box, "element has no box").not.toBeNull();
  expect(box!.x).toBeGreaterThanOrEqual(0);
  expect(box!.y).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width).toBeLessThanOrEqual(vp.width);
  expect(box!.y + box!.height).toBeLessThanOrEqual(vp.height);
}

/**
 * WCAG contrast of an element's text against the first opaque background
 * behind it. Colours are resolved through a canvas, so any CSS colour syntax
 * (Tailwind v4 writes oklch) becomes sRGB.
 */
export async function textContrast(locator: Locator): Promise<number> {
  return locator.evaluate((el) => {
    const ctx = document.createElement("canvas").getContext("2d", { willReadFrequently: true })!;
    const rgba = (css: string) => {
      ctx.clearRect(0, 0, 1, 1);
      ctx.fillStyle = "#000";
      ctx.fillStyle = css;
      ctx.fillRect(0, 0, 1, 1);
      const [r, g, b, a] = ctx.getImageData(0, 0, 1, 1).data;
      return { r, g, b, a: a / 255 };
    };
    const lum = ({ r, g, b }: { r: number; g: number; b: number }) => {
      const f = (v: number) => {
        const c = v / 255;
        return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    let bg = { r: 255, g: 255, b: 255, a: 1 };
    for (let node: Element | null = el; node; node = node.parentElement) {
      const c = rgba(getComputedStyle(node).backgroundColor);
      if (c.a >= 0.95) {
        bg = c;
        break;
      }
    }
    const fgRaw = rgba(getComputedStyle(el).color);
    // Text with alpha is blended over its background, as the eye sees it.
    const fg = { r: fgRaw.r * fgRaw.a + bg.r * (1 - fgRaw.a), g: fgRaw.g * fgRaw.a + bg.g * (1 - fgRaw.a), b: fgRaw.b * fgRaw.a + bg.b * (1 - fgRaw.a) };
    const [hi, lo] = [lum(fg), lum(bg)].sort((x, y) => y - x);
    return (hi + 0.05) / (lo + 0.05);
  });
}

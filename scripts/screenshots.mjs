// Screenshots of every kind of page of the example portal at phone (375 px) and
// desktop (1366 px) widths, for review. Usage: node scripts/screenshots.mjs PUBLIC_DIR OUT_DIR
// With SCREENSHOTS_PLAIN=1 only the plain look is taken, each page cut at 2000 px and
// saved as JPEG to keep the repository small (what docs/screenshots/ holds: `SCREENSHOTS_PLAIN=1 node scripts/screenshots.mjs
// PUBLIC_DIR docs/screenshots` after building the example with ZWGK_TODAY=2026-11-22).
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { deadline, examplePages, launch, serve, siteContext } from "../tests/support/browser.mjs";

const [publicDir, outDir] = process.argv.slice(2);
if (!publicDir || !outDir) {
  console.error("usage: node scripts/screenshots.mjs PUBLIC_DIR OUT_DIR");
  process.exit(2);
}
mkdirSync(outDir, { recursive: true });
const WIDTHS = [375, 1366];
const PLAIN = process.env.SCREENSHOTS_PLAIN === "1";
// Every kind of page, beyond the ones every browser check covers.
const MORE = {
  list: "years/2024/index.html",
  topic: "topics/zhzw/index.html",
  item: "domains/shjz/items/2-1/index.html",
  policies: "policies/index.html",
  consultations: "consultations/index.html",
  "document-expired": "docs/005283548-2024-00020/index.html",
  "search-results": "search/index.html?q=%E6%9C%80%E4%BD%8E%E7%94%9F%E6%B4%BB%E4%BF%9D%E9%9A%9C",
  "not-found": "404.html",
};
// extra looks worth reviewing: the largest text size and high contrast, on a phone
const VARIANTS = [
  { name: "", prefs: {} },
  { name: "-large", prefs: { "zwgk-font-size": "l" }, width: 375 },
  { name: "-contrast", prefs: { "zwgk-contrast": "high" }, width: 375 },
].filter((v) => !PLAIN || v.name === "");

const limit = deadline(180_000, "screenshots");
const run = async () => {
  const server = await serve(publicDir);
  const browser = await launch();
  const context = await siteContext(browser, server.url);
  try {
    const page = await context.newPage();
    const pages = { ...examplePages(publicDir), ...MORE };
    delete pages.inspection;
    for (const [name, path] of Object.entries(pages)) {
      for (const v of VARIANTS) {
        for (const width of WIDTHS.filter((w) => !v.width || w === v.width)) {
          await page.setViewportSize({ width, height: 800 });
          await page.goto(server.url + "index.html");
          await page.evaluate((prefs) => {
            localStorage.clear();
            for (const [k, val] of Object.entries(prefs)) localStorage.setItem(k, val);
          }, v.prefs);
          await page.goto(server.url + path);
          if (name.startsWith("search")) await page.waitForTimeout(1500);
          const file = join(outDir, `${name}${v.name}-${width}.${PLAIN ? "jpg" : "png"}`);
          const height = await page.evaluate(() => document.documentElement.scrollHeight);
          const shot = PLAIN
            ? { path: file, fullPage: true, type: "jpeg", quality: 60 }
            : { path: file, fullPage: true };
          if (PLAIN && height > 2000) shot.clip = { x: 0, y: 0, width, height: 2000 };
          await page.screenshot(shot);
          console.log(file);
        }
      }
      if (name === "document" && !PLAIN) {
        await page.emulateMedia({ media: "print" });
        await page.setViewportSize({ width: 794, height: 1123 }); // A4 at 96 dpi
        const file = join(outDir, `${name}-print.png`);
        await page.screenshot({ path: file, fullPage: true });
        console.log(file);
        await page.emulateMedia({ media: "screen" });
      }
    }
  } finally {
    await browser.close();
    await server.close();
  }
  if (context.external.length) throw new Error(`external requests: ${context.external.join(", ")}`);
};
try {
  await Promise.race([run(), limit]);
} finally {
  limit.cancel();
}

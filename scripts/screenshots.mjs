// Screenshots of the example portal's main pages at phone and desktop widths,
// for review. Usage: node scripts/screenshots.mjs PUBLIC_DIR OUT_DIR
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { deadline, examplePages, launch, serve, siteContext } from "../tests/support/browser.mjs";

const [publicDir, outDir] = process.argv.slice(2);
if (!publicDir || !outDir) {
  console.error("usage: node scripts/screenshots.mjs PUBLIC_DIR OUT_DIR");
  process.exit(2);
}
mkdirSync(outDir, { recursive: true });
const WIDTHS = [375, 1280];
// extra looks worth reviewing: the largest text size and high contrast, on a phone
const VARIANTS = [
  { name: "", prefs: {} },
  { name: "-large", prefs: { "zwgk-font-size": "l" }, width: 375 },
  { name: "-contrast", prefs: { "zwgk-contrast": "high" }, width: 375 },
];

const limit = deadline(180_000, "screenshots");
const run = async () => {
  const server = await serve(publicDir);
  const browser = await launch();
  const context = await siteContext(browser, server.url);
  try {
    const page = await context.newPage();
    for (const [name, path] of Object.entries(examplePages(publicDir))) {
      for (const v of VARIANTS) {
        for (const width of WIDTHS.filter((w) => !v.width || w === v.width)) {
          await page.setViewportSize({ width, height: 800 });
          await page.goto(server.url + "index.html");
          await page.evaluate((prefs) => {
            localStorage.clear();
            for (const [k, val] of Object.entries(prefs)) localStorage.setItem(k, val);
          }, v.prefs);
          await page.goto(server.url + path);
          const file = join(outDir, `${name}${v.name}-${width}.png`);
          await page.screenshot({ path: file, fullPage: true });
          console.log(file);
        }
      }
      if (name === "document") {
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

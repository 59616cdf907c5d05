// axe-core in headless Chromium over the built portal's main pages, at phone and
// desktop widths and in high-contrast mode. Fails on any serious or critical
// violation, on a JavaScript error and on any request outside the site.
//
// Usage: node tests/a11y/axe.mjs PUBLIC_DIR   (after `npm ci --prefix tests/support`)
import { readFileSync } from "node:fs";
import { deadline, examplePages, launch, requireHere, serve, siteContext } from "../support/browser.mjs";

const publicDir = process.argv[2];
if (!publicDir) {
  console.error("usage: node tests/a11y/axe.mjs PUBLIC_DIR");
  process.exit(2);
}
const axeSource = readFileSync(requireHere.resolve("axe-core/axe.min.js"), "utf8");
const FAIL = new Set(["serious", "critical"]);
const LOOKS = [
  { name: "375px", width: 375, prefs: {} },
  { name: "1280px", width: 1280, prefs: {} },
  { name: "375px high contrast", width: 375, prefs: { "zwgk-contrast": "high" } },
  { name: "1280px large text", width: 1280, prefs: { "zwgk-font-size": "l" } },
];

const limit = deadline(240_000, "axe");
const run = async () => {
  const server = await serve(publicDir);
  const browser = await launch();
  // axe is injected as an inline script, which the pages' Content-Security-Policy refuses.
  const context = await siteContext(browser, server.url, { bypassCSP: true });
  const problems = [];
  try {
    const page = await context.newPage();
    page.on("pageerror", (e) => problems.push(`JavaScript error on ${page.url()}: ${e.message}`));
    const pages = examplePages(publicDir);
    console.log(`axe-core ${JSON.parse(readFileSync(requireHere.resolve("axe-core/package.json"))).version}: ${Object.values(pages).join(", ")}`);
    for (const look of LOOKS) {
      await page.setViewportSize({ width: look.width, height: 900 });
      await page.goto(server.url + "index.html");
      await page.evaluate((prefs) => {
        localStorage.clear();
        for (const [k, v] of Object.entries(prefs)) localStorage.setItem(k, v);
      }, look.prefs);
      for (const [name, path] of Object.entries(pages)) {
        await page.goto(server.url + path);
        await page.addScriptTag({ content: axeSource });
        const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ["violations"] }));
        for (const v of result.violations) {
          const fail = FAIL.has(v.impact);
          const where = v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(" | ");
          const line = `${fail ? "FAIL" : "note"} [${v.impact}] ${v.id} on ${name} (${look.name}): ${v.help} — ${where}`;
          console.log(line);
          if (fail) problems.push(line);
        }
      }
    }
  } finally {
    await browser.close();
    await server.close();
  }
  for (const url of context.external) problems.push(`external request: ${url}`);
  return problems;
};
try {
  const problems = await Promise.race([run(), limit]);
  if (problems.length) {
    console.error(`axe: ${problems.length} problem(s)`);
    for (const p of problems) console.error("  " + p);
    process.exitCode = 1;
  } else {
    console.log("axe: no serious or critical violations");
  }
} finally {
  limit.cancel();
}

// The default theme's behaviour in headless Chromium: text size, high contrast and
// 长辈模式 remembered across pages, the metadata folded on a phone, read aloud, print layout, nothing wider than a 375 px
// phone, and everything but the reading aids working with JavaScript off.
//
// Usage: node tests/a11y/reading-aids.mjs PUBLIC_DIR
import assert from "node:assert/strict";
import { deadline, examplePages, launch, serve, siteContext } from "../support/browser.mjs";

const publicDir = process.argv[2];
if (!publicDir) {
  console.error("usage: node tests/a11y/reading-aids.mjs PUBLIC_DIR");
  process.exit(2);
}
const pages = examplePages(publicDir);
assert.ok(pages.document, "the site has a document page");

const checks = [];
const check = (name, fn) => checks.push({ name, fn });

const rootClass = (page) => page.evaluate(() => document.documentElement.className);
const pressed = (page, selector) => page.getAttribute(selector, "aria-pressed");

check("text size and contrast are remembered across pages", async ({ context, url }) => {
  const page = await context.newPage();
  await page.setViewportSize({ width: 375, height: 800 });
  await page.goto(url + pages.home);
  const before = await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
  await page.click("[data-font-size=l]");
  assert.match(await rootClass(page), /\bfs-l\b/);
  assert.equal(await pressed(page, "[data-font-size=l]"), "true");
  assert.equal(await pressed(page, "[data-font-size=m]"), "false");
  await page.click("[data-contrast]");
  assert.equal(await pressed(page, "[data-contrast]"), "true");
  await page.goto(url + pages.document);
  assert.match(await rootClass(page), /\bfs-l\b.*\bhc\b|\bhc\b.*\bfs-l\b/);
  const after = await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
  assert.ok(after > before * 1.15, `large text is larger: ${before}px → ${after}px`);
  const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  assert.equal(bg, "rgb(0, 0, 0)", "high contrast: black background");
  assert.equal(await pressed(page, "[data-font-size=l]"), "true");
  await page.click("[data-font-size=s]");
  await page.click("[data-contrast]");
  await page.goto(url + pages.home);
  assert.match(await rootClass(page), /\bfs-s\b/);
  assert.doesNotMatch(await rootClass(page), /\bhc\b/);
  await page.close();
});

check("长辈模式 turns on large text and high contrast together, and off again", async ({ context, url }) => {
  const page = await context.newPage();
  await page.setViewportSize({ width: 375, height: 800 });
  await page.goto(url + pages.home);
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  assert.equal(await pressed(page, "[data-care]"), "false");
  await page.click("[data-care]");
  assert.match(await rootClass(page), /\bfs-l\b.*\bhc\b|\bhc\b.*\bfs-l\b/);
  assert.equal(await pressed(page, "[data-care]"), "true");
  await page.goto(url + pages.document);
  assert.equal(await pressed(page, "[data-care]"), "true", "remembered across pages");
  await page.click("[data-care]");
  assert.doesNotMatch(await rootClass(page), /\bhc\b|\bfs-l\b/);
  assert.equal(await pressed(page, "[data-care]"), "false");
  await page.close();
});

check("a document's metadata folds on a phone and unfolds to print", async ({ context, url }) => {
  const page = await context.newPage();
  await page.setViewportSize({ width: 375, height: 800 });
  await page.goto(url + pages.document);
  assert.equal(await page.evaluate(() => document.querySelector("details.doc-meta-box").open), false);
  await page.emulateMedia({ media: "print" });
  await page.evaluate(() => window.dispatchEvent(new Event("beforeprint")));
  assert.equal(await page.evaluate(() => document.querySelector("details.doc-meta-box").open), true);
  await page.close();
});

check("the saved size applies before the body is parsed (no flash)", async ({ context, url }) => {
  const page = await context.newPage();
  await page.goto(url + pages.home);
  await page.evaluate(() => localStorage.setItem("zwgk-font-size", "l"));
  // record <html>'s classes the moment <body> appears
  await page.addInitScript(() => {
    new MutationObserver((_, obs) => {
      if (document.body) {
        window.__classAtBody = document.documentElement.className;
        obs.disconnect();
      }
    }).observe(document, { childList: true, subtree: true });
  });
  await page.goto(url + pages.guide);
  assert.match(await page.evaluate(() => window.__classAtBody), /\bfs-l\b/);
  await page.close();
});

check("read aloud speaks the title and body in zh-CN and stops on a second press", async ({ context, url }) => {
  const page = await context.newPage();
  await page.addInitScript(() => {
    window.__spoken = [];
    window.__cancelled = 0;
    speechSynthesis.speak = (u) => window.__spoken.push({ text: u.text, lang: u.lang });
    speechSynthesis.cancel = () => window.__cancelled++;
  });
  await page.goto(url + pages.document);
  const button = page.locator("[data-read-aloud]");
  assert.ok(await button.isVisible(), "read-aloud button shown where speech synthesis exists");
  assert.equal((await button.textContent()).trim(), "朗读");
  await button.click();
  const spoken = await page.evaluate(() => window.__spoken);
  const title = (await page.textContent("h1")).trim();
  assert.ok(spoken.length > 1, "the text is spoken in pieces");
  assert.ok(spoken.every((s) => s.lang === "zh-CN" && s.text.length <= 120));
  assert.ok(spoken[0].text.includes(title), "starts with the title");
  assert.equal((await button.textContent()).trim(), "停止朗读");
  await button.click();
  assert.equal((await button.textContent()).trim(), "朗读");
  assert.ok((await page.evaluate(() => window.__cancelled)) >= 2);
  await page.close();
});

check("read aloud stays hidden where the browser cannot speak", async ({ context, url }) => {
  const page = await context.newPage();
  await page.addInitScript(() => {
    delete window.speechSynthesis;
    delete Window.prototype.speechSynthesis;
  });
  await page.goto(url + pages.document);
  assert.equal(await page.locator("[data-read-aloud]").isVisible(), false);
  await page.close();
});

check("a document prints as a notice: metadata, centred title, body; no navigation", async ({ context, url }) => {
  const page = await context.newPage();
  await page.goto(url + pages.document);
  await page.emulateMedia({ media: "print" });
  for (const hidden of [".site-header", ".site-nav", ".site-footer", ".breadcrumbs", ".doc-tools", ".skip-link"]) {
    assert.equal(await page.locator(hidden).first().isVisible(), false, `${hidden} hidden in print`);
  }
  for (const shown of [".doc-meta", "h1", ".doc-body", ".print-url"]) {
    assert.ok(await page.locator(shown).first().isVisible(), `${shown} printed`);
  }
  assert.equal(await page.evaluate(() => getComputedStyle(document.querySelector("h1")).textAlign), "center");
  if (await page.locator(".attachments").count()) {
    assert.match(await page.textContent(".attachments"), /\.[a-z0-9]+）/i, "attachments print their file names");
  }
  await page.close();
});

check("nothing is wider than a 375 px phone", async ({ context, url }) => {
  const page = await context.newPage();
  for (const size of ["m", "l"]) {
    await page.goto(url + pages.home);
    await page.evaluate((s) => localStorage.setItem("zwgk-font-size", s), size);
    await page.setViewportSize({ width: 375, height: 800 });
    for (const [name, path] of Object.entries(pages)) {
      await page.goto(url + path);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= 375, `${name} (text size ${size}) is ${width}px wide at 375px`);
    }
  }
  await page.close();
});

check("with JavaScript off, pages work and the reading aids are not offered", async ({ browser, url }) => {
  const context = await siteContext(browser, url, { javaScriptEnabled: false });
  try {
    const page = await context.newPage();
    await page.goto(url + pages.home);
    assert.equal(await page.locator(".tools").isVisible(), false, "no dead buttons");
    await page.click(".site-nav >> text=法定主动公开内容");
    assert.ok(await page.locator("table.catalogue tbody tr").count() > 0, "catalogue listed");
    await page.goto(url + pages.document);
    assert.ok(await page.locator(".doc-body").isVisible());
    assert.equal(await page.locator("[data-read-aloud]").isVisible(), false);
    assert.equal(await page.locator("[data-print]").isVisible(), false);
    assert.deepEqual(context.external, []);
  } finally {
    await context.close();
  }
});

const limit = deadline(240_000, "reading aids");
const run = async () => {
  const server = await serve(publicDir);
  const browser = await launch();
  let failed = 0;
  try {
    for (const c of checks) {
      const context = await siteContext(browser, server.url);
      try {
        await c.fn({ context, browser, url: server.url });
        assert.deepEqual(context.external, [], "no requests outside the site");
        console.log(`ok   ${c.name}`);
      } catch (e) {
        failed++;
        console.log(`FAIL ${c.name}\n     ${e.message.split("\n").join("\n     ")}`);
      } finally {
        await context.close();
      }
    }
  } finally {
    await browser.close();
    await server.close();
  }
  return failed;
};
try {
  const failed = await Promise.race([run(), limit]);
  console.log(failed ? `reading aids: ${failed} check(s) failed` : "reading aids: all checks passed");
  if (failed) process.exitCode = 1;
} finally {
  limit.cancel();
}

// Shared support for browser checks of a built portal: a static file server on
// 127.0.0.1 and headless Chromium from the system (never a downloaded browser).
//
// Install once with `npm ci --prefix tests/support`; scripts elsewhere import this
// file by relative path, and `requireHere` resolves packages installed here.

import { createServer } from "node:http";
import { createReadStream, existsSync, readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { extname, join, normalize, sep } from "node:path";

export const requireHere = createRequire(import.meta.url);
const { chromium } = requireHere("playwright-core");

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".xml": "application/xml; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".csv": "text/csv; charset=utf-8",
  ".pdf": "application/pdf",
};

/** Serves `dir` on 127.0.0.1 at a free port; resolves to { url, close }. */
export function serve(dir) {
  const root = normalize(dir);
  const server = createServer((req, res) => {
    let path = decodeURIComponent(new URL(req.url, "http://x").pathname);
    if (path.endsWith("/")) path += "index.html";
    const file = normalize(join(root, path));
    let ok = file.startsWith(root + sep);
    try {
      ok = ok && statSync(file).isFile();
    } catch {
      ok = false;
    }
    if (!ok) {
      res.writeHead(404, { "content-type": "text/plain" });
      res.end("not found");
      return;
    }
    res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" });
    createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      resolve({
        url: `http://127.0.0.1:${server.address().port}/`,
        close: () => new Promise((r) => server.close(r)),
      });
    });
  });
}

/**
 * Headless Chromium at CHROMIUM (default /usr/bin/chromium). Playwright gives
 * every launch a fresh temporary profile and removes it on close.
 */
export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/**
 * A browser context in which any request outside `base` fails (pages must load
 * nothing from elsewhere). `context.external` lists the URLs that were refused.
 */
export async function siteContext(browser, base, options = {}) {
  const context = await browser.newContext(options);
  context.external = [];
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith(base) || url.startsWith("data:")) return route.continue();
    context.external.push(url);
    return route.abort();
  });
  return context;
}

/** Rejects after `ms` milliseconds: every browser run is bounded in time. */
export function deadline(ms, what) {
  let timer;
  const p = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no result after ${ms / 1000}s`)), ms);
  });
  p.cancel = () => clearTimeout(timer);
  return p;
}

/** The pages every browser check covers, relative to the site root. */
export function examplePages(publicDir) {
  const pages = {
    home: "index.html",
    guide: "guide/index.html",
    catalogue: "catalogue/index.html",
    domain: "domains/czyjs/index.html",
    document: null,
    search: "search/index.html",
    reports: "reports/index.html",
    report: "reports/2025/index.html",
    apply: "apply/index.html",
    // the organs' navigation and one organ's column with its four parts (the example's
    // street office); left out on a site without organs
    organs: "organs/index.html",
    organ: "organs/jyl/index.html",
    organGuide: "organs/jyl/guide/index.html",
    organRules: "organs/jyl/rules/index.html",
    organCatalogue: "organs/jyl/catalogue/index.html",
    organReport: "organs/jyl/reports/2025/index.html",
    // `zwgk check --format html`, when the caller saved it beside the portal
    inspection: "zwgk-report.html",
  };
  // a document with attachments, tables and an interpretation in the example;
  // elsewhere the first document listed on the home page
  pages.document = "docs/005283513-2025-00003/index.html";
  if (!existsSync(join(publicDir, pages.document))) {
    const home = readFileSync(join(publicDir, "index.html"), "utf8");
    const m = home.match(/href="(docs\/[^"]+\/index\.html)"/);
    pages.document = m ? m[1] : null;
  }
  for (const [k, v] of Object.entries(pages)) {
    if (v === null || !existsSync(join(publicDir, v))) delete pages[k];
  }
  return pages;
}

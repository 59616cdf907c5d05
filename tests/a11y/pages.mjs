// Prints the pages the browser and HTML checks cover, one per line, relative to
// PUBLIC_DIR: home, guide, catalogue, a domain, a document, and search when built.
import { examplePages } from "../support/browser.mjs";

const publicDir = process.argv[2];
if (!publicDir) {
  console.error("usage: node tests/a11y/pages.mjs PUBLIC_DIR");
  process.exit(2);
}
for (const path of Object.values(examplePages(publicDir))) console.log(path);

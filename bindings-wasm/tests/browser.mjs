// Serves the installed package, the suite and the vectors on 127.0.0.1, runs browser.html in
// headless Chromium (Debian's, driven by playwright-core) and prints node-test-style results.
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { extname, join, normalize } from "node:path";
import { chromium } from "playwright-core";

const root = process.cwd();
const vectors = process.env.TRACEMARK_VECTORS;
const types = { ".js": "text/javascript", ".mjs": "text/javascript", ".html": "text/html", ".json": "application/json", ".wasm": "application/wasm" };

const server = createServer(async (req, res) => {
  const path = normalize(decodeURIComponent(new URL(req.url, "http://x").pathname));
  const file = path === "/" ? join(root, "browser.html")
    : path.startsWith("/vectors/") ? join(vectors, path.slice("/vectors/".length))
    : join(root, path);
  try {
    const body = await readFile(file);
    res.writeHead(200, { "content-type": types[extname(file)] ?? "application/octet-stream" });
    res.end(body);
  } catch {
    res.writeHead(404).end();
  }
});
await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
const url = `http://127.0.0.1:${server.address().port}/`;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
});
let failed = 0;
let passed = 0;
try {
  const page = await browser.newPage();
  page.on("console", (m) => console.log(`[page] ${m.text()}`));
  await page.goto(url);
  await page.waitForFunction(() => window.results !== undefined, null, { timeout: 240_000 });
  const results = await page.evaluate(() => window.results);
  for (const r of results) {
    if (r.ok) { passed++; console.log(`ok - ${r.name}`); }
    else { failed++; console.log(`not ok - ${r.name}\n${r.error}`); }
  }
  console.log(`chromium ${await browser.version()}`);
} finally {
  await browser.close();
  server.close();
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);

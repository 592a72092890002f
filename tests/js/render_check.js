#!/usr/bin/env node
// Open a page `newsgraph render` wrote, in headless Chromium, and print one JSON line: how many
// nodes and edges the page's graph holds, how many nodes sigma.js drew inside the view, which
// node labels it drew, the share of coloured pixels, and every page or console error. With a
// search term, it types it into the search box and reports what the side panel then shows;
// with --click-edge, it first clicks the middle of the longest edge and reports the panel.
//
// usage: node render_check.js FILE.html|FILE.svg [--shot OUT.png] [--search NAME]
// needs puppeteer-core on NODE_PATH; CHROMIUM (default /usr/bin/chromium)
"use strict";
const path = require("path");
const fs = require("fs");
const puppeteer = require("puppeteer-core");

const args = process.argv.slice(2);
const opt = (name) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : undefined; };
const file = path.resolve(args[0]);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

(async () => {
  const browser = await puppeteer.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium", headless: true,
    args: ["--no-sandbox", "--use-gl=swiftshader", "--enable-unsafe-swiftshader", "--ignore-gpu-blocklist"],
  });
  const out = { file: path.basename(file), errors: [], requests: [] };
  try {
    const page = await browser.newPage();
    await page.setViewport({ width: 1400, height: 900 });
    page.on("pageerror", (e) => out.errors.push("pageerror: " + e.message));
    page.on("console", (m) => { if (m.type() === "error" || m.type() === "warning") out.errors.push(m.type() + ": " + m.text()); });
    // Self-contained: nothing but the file itself may be fetched.
    page.on("request", (r) => { if (!r.url().startsWith("file://") && !r.url().startsWith("data:")) out.requests.push(r.url()); });
    await page.goto("file://" + file, { waitUntil: "load", timeout: 60000 });
    if (file.endsWith(".html")) {
      await page.waitForFunction(() => window.newsgraph && window.newsgraph.ready, { timeout: 30000 }).catch(() => out.errors.push("page never ready"));
      await sleep(1500);
      Object.assign(out, await page.evaluate(() => {
        const { graph, renderer } = window.newsgraph;
        const { width, height } = renderer.getDimensions();
        let drawn = 0;
        graph.forEachNode((n) => {
          const d = renderer.getNodeDisplayData(n);
          if (!d || d.hidden) return;
          const p = renderer.framedGraphToViewport(d);
          if (p.x >= 0 && p.x <= width && p.y >= 0 && p.y <= height) drawn++;
        });
        const labels = [...renderer.getNodeDisplayedLabels()].map((n) => graph.getNodeAttribute(n, "label"));
        return { nodes: graph.order, edges: graph.size, drawn, labels };
      }));
      if (args.includes("--click-edge")) {
        // The middle of the longest edge on screen, in viewport pixels.
        const at = await page.evaluate(() => {
          const { graph, renderer } = window.newsgraph;
          let best = null;
          graph.forEachEdge((e, _, s, t) => {
            const a = renderer.framedGraphToViewport(renderer.getNodeDisplayData(s));
            const b = renderer.framedGraphToViewport(renderer.getNodeDisplayData(t));
            const len = Math.hypot(a.x - b.x, a.y - b.y);
            if (!best || len > best.len) best = { len, x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
          });
          return best;
        });
        await page.evaluate(() => { document.getElementById("info").innerText = ""; });
        await page.mouse.move(at.x, at.y);
        await sleep(200);
        await page.mouse.click(at.x, at.y);
        await sleep(500);
        out.edge_panel = await page.evaluate(() => document.getElementById("info").innerText);
      }
    }
      const search = opt("--search");
      if (search) {
        await page.type("#search", search);
        await page.evaluate(() => document.getElementById("search").dispatchEvent(new Event("change")));
        await sleep(800);
        out.search_panel = await page.evaluate(() => document.getElementById("info").innerText);
      }
    const b64 = await page.screenshot({ encoding: "base64" });
    const shot = opt("--shot");
    if (shot) fs.writeFileSync(shot, Buffer.from(b64, "base64"));
    out.colored_pixel_ratio = await page.evaluate(async (b64) => {
      // OffscreenCanvas: an SVG document has no HTML canvas element.
      const bytes = Uint8Array.from(atob(b64), (ch) => ch.charCodeAt(0));
      const img = await createImageBitmap(new Blob([bytes], { type: "image/png" }));
      const c = new OffscreenCanvas(img.width, img.height);
      const g = c.getContext("2d");
      g.drawImage(img, 0, 0);
      const d = g.getImageData(0, 0, img.width, img.height).data;
      let coloured = 0, total = 0;
      for (let i = 0; i < d.length; i += 16) {
        const mx = Math.max(d[i], d[i + 1], d[i + 2]), mn = Math.min(d[i], d[i + 1], d[i + 2]);
        total++;
        if (mx - mn > 60) coloured++;
      }
      return Math.round((coloured / total) * 1e5) / 1e5;
    }, b64);
  } finally {
    await browser.close();
  }
  console.log(JSON.stringify(out));
})().catch((e) => { console.error("render_check.js:", e.message); process.exit(1); });

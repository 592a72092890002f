#!/usr/bin/env node
// What Gephi Lite made of a graph file: the type it guessed for every node and edge column
// and the appearance it inferred (which column gives labels, colours, sizes), as one JSON line.
// Gephi Lite keeps its loaded dataset in sessionStorage, which this reads after the load; it
// keeps it only for graphs under 5,000 nodes and 25,000 edges, so use it on smaller files.
//
// usage: node gephi_lite_fields.js APP_DIR FILE
//   APP_DIR  Gephi Lite built (the `app` folder of ../shared/clients/gephi-lite)
// needs puppeteer-core on NODE_PATH; CHROMIUM (default /usr/bin/chromium)
"use strict";
const http = require("http");
const fs = require("fs");
const path = require("path");
const puppeteer = require("puppeteer-core");

const [app, file] = process.argv.slice(2).map((p) => path.resolve(p));
const name = path.basename(file);
const server = http.createServer((req, res) => {
  const url = decodeURIComponent(req.url.split("?")[0]);
  let p = url === "/data/" + name ? file : path.join(app, url.replace(/^\/gephi-lite\//, ""));
  if (!p.startsWith(app) && p !== file) p = null;
  if (p && (!fs.existsSync(p) || fs.statSync(p).isDirectory())) p = path.join(app, "index.html");
  if (!p) { res.writeHead(404); return res.end(); }
  const types = { ".js": "text/javascript", ".css": "text/css", ".html": "text/html", ".svg": "image/svg+xml" };
  res.writeHead(200, { "Content-Type": types[path.extname(p)] || "application/octet-stream" });
  fs.createReadStream(p).pipe(res);
});

(async () => {
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  const port = server.address().port;
  const browser = await puppeteer.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium", headless: true,
    args: ["--no-sandbox", "--use-gl=swiftshader", "--enable-unsafe-swiftshader"],
  });
  try {
    const page = await browser.newPage();
    const data = `http://127.0.0.1:${port}/data/${encodeURIComponent(name)}`;
    await page.goto(`http://127.0.0.1:${port}/gephi-lite/?file=${encodeURIComponent(data)}`, { waitUntil: "domcontentloaded", timeout: 90000 });
    await page.waitForFunction(() => !!sessionStorage.getItem("dataset"), { timeout: 90000 });
    const got = await page.evaluate(() => {
      const d = JSON.parse(sessionStorage.getItem("dataset"));
      const a = JSON.parse(sessionStorage.getItem("appearance") || "{}");
      const types = (fields) => Object.fromEntries(fields.map((f) => [f.id, f.type]));
      const field = (x) => (x && x.field ? x.field.id : x ? x.type : null);
      return {
        node_fields: types(d.nodeFields), edge_fields: types(d.edgeFields),
        nodes_label: field(a.nodesLabel), nodes_color: field(a.nodesColor), nodes_size: field(a.nodesSize),
        edges_label: field(a.edgesLabel), edges_size: field(a.edgesSize),
        positioned: Object.values(d.layout).every((p) => Number.isFinite(p.x) && Number.isFinite(p.y)),
      };
    });
    console.log(JSON.stringify(got));
  } finally {
    await browser.close();
    server.close();
  }
})().catch((e) => { console.error("gephi_lite_fields.js:", e.message); server.close(); process.exit(1); });

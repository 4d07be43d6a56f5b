// Serves a built dist/ folder on 127.0.0.1 the way GitHub Pages does: files under a path prefix,
// and 404.html (with status 404) for any other path, so deep links load the app.
// Usage: node serve.mjs DIST_DIR PORT PREFIX
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { extname, join, normalize, resolve } from "node:path";

const [distArg, portArg, prefixArg = "/"] = process.argv.slice(2);
const dist = resolve(distArg);
const port = Number(portArg);
const prefix = prefixArg.endsWith("/") ? prefixArg : `${prefixArg}/`;
const types = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript",
  ".wasm": "application/wasm",
  ".css": "text/css",
  ".json": "application/json",
  ".png": "image/png",
  ".svg": "image/svg+xml",
};

async function send(response, status, file) {
  const body = await readFile(file);
  response.writeHead(status, { "content-type": types[extname(file)] ?? "application/octet-stream" });
  response.end(body);
}

createServer(async (request, response) => {
  const path = decodeURIComponent(new URL(request.url, "http://127.0.0.1").pathname);
  const relative = path.startsWith(prefix) ? path.slice(prefix.length) : null;
  const candidate = relative === null ? null : normalize(join(dist, relative || "index.html"));
  try {
    if (candidate && candidate.startsWith(dist) && extname(candidate)) {
      return await send(response, 200, candidate);
    }
    if (candidate && candidate.startsWith(dist) && relative === "") {
      return await send(response, 200, join(dist, "index.html"));
    }
  } catch {
    // Fall through to the 404 page, as GitHub Pages does for a missing file.
  }
  try {
    await send(response, 404, join(dist, "404.html"));
  } catch {
    response.writeHead(404).end("not found");
  }
}).listen(port, "127.0.0.1", () => console.log(`serving ${dist} at http://127.0.0.1:${port}${prefix}`));

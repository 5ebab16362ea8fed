// A static file server for the site, on the loopback interface only.
// Usage: node web/serve.mjs [dir=build-web/site] [port=8080]
import http from 'node:http';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json', '.wasm': 'application/wasm', '.svg': 'image/svg+xml',
};

/** The strict Content-Security-Policy the page and the element are built for (web/README.md). */
export const STRICT_CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; " +
  "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'";

/**
 * Serves `dir` on 127.0.0.1:`port` (0: any free port); resolves to the server once listening.
 * Paths under /csp/ are the same files sent with STRICT_CSP, to prove the site runs under it.
 */
export function startServer(dir, port = 0) {
  const root = path.resolve(dir);
  const server = http.createServer(async (req, res) => {
    try {
      const url = new URL(req.url, 'http://localhost');
      const strict = url.pathname.startsWith('/csp/');
      if (strict) url.pathname = url.pathname.slice(4);
      let file = path.normalize(path.join(root, decodeURIComponent(url.pathname)));
      if (!file.startsWith(root)) throw Object.assign(new Error('outside'), { code: 'ENOENT' });
      if (url.pathname.endsWith('/')) file = path.join(file, 'index.html');
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[path.extname(file)] || 'application/octet-stream', 'cache-control': 'no-store',
        ...(strict ? { 'content-security-policy': STRICT_CSP } : {}) });
      res.end(body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
    }
  });
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const here = fileURLToPath(new URL('../', import.meta.url));
  const dir = process.argv[2] || path.join(here, 'build-web/site');
  const server = await startServer(dir, Number(process.argv[3] || 8080));
  console.log(`Ballast page: http://127.0.0.1:${server.address().port}/  (embedding example: /embed.html)`);
}

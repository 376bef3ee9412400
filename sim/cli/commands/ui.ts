/** `clusterplan ui`: serve the built planner (dist/) on 127.0.0.1; nothing leaves the machine. */
import { createServer } from 'node:http';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InputError } from '../../errors';

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript', '.css': 'text/css',
  '.json': 'application/json', '.svg': 'image/svg+xml', '.wasm': 'application/wasm', '.png': 'image/png', '.ico': 'image/x-icon', '.yaml': 'text/yaml',
};

export const distDir = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'dist');

export function serveDist(port: number, root = distDir): Promise<{ url: string; close: () => Promise<void> }> {
  const server = createServer((req, res) => {
    const urlPath = decodeURIComponent((req.url ?? '/').split('?')[0]);
    let file = normalize(join(root, urlPath));
    if (!file.startsWith(root)) { res.writeHead(403).end(); return; }
    if (!existsSync(file) || statSync(file).isDirectory()) file = join(root, 'index.html');
    res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-cache' });
    res.end(readFileSync(file));
  });
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', () => {
      const addr = server.address();
      const actual = typeof addr === 'object' && addr ? addr.port : port;
      ok({ url: `http://127.0.0.1:${actual}/`, close: () => new Promise((done) => server.close(() => done())) });
    });
  });
}

export async function uiCommand(opts: { port: number }): Promise<number> {
  if (!existsSync(join(distDir, 'index.html'))) {
    throw new InputError({ file: distDir, path: '', expected: 'a built planner (run `npm run build` first, or `npm start` to build and serve)', found: 'no index.html' });
  }
  const { url } = await serveDist(opts.port);
  process.stdout.write(`clusterplan planner at ${url} (Ctrl+C to stop)\n`);
  await new Promise(() => {});
  return 0;
}

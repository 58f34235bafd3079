import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

/**
 * A tiny static file server for the built site, on 127.0.0.1 and a free port. It serves `root` under
 * `base` only (like a host that mounts the guide at /go-guide/), so a link that forgets the base gets
 * a 404 here exactly as it would in production.
 */

export interface StaticServer {
  /** `http://127.0.0.1:<port>` */
  readonly origin: string;
  /** The origin plus the base, ending in `/`. */
  readonly siteUrl: string;
  close(): Promise<void>;
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
};

export function normaliseBase(base: string): string {
  const trimmed = base.replace(/^\/+|\/+$/g, '');
  return trimmed === '' ? '/' : `/${trimmed}/`;
}

async function isFile(filePath: string): Promise<boolean> {
  try {
    return (await stat(filePath)).isFile();
  } catch {
    return false;
  }
}

/** The file that answers `pathname`, or undefined for a 404. Never escapes `root`. */
async function resolveFile(
  root: string,
  base: string,
  pathname: string,
): Promise<string | undefined> {
  if (!pathname.startsWith(base)) return undefined;
  const relative = decodeURIComponent(pathname.slice(base.length));
  const target = path.resolve(root, relative);
  if (target !== root && !target.startsWith(root + path.sep)) return undefined;
  if (pathname.endsWith('/')) {
    const index = path.join(target, 'index.html');
    return (await isFile(index)) ? index : undefined;
  }
  return (await isFile(target)) ? target : undefined;
}

export async function startStaticServer(rootDir: string, base = '/'): Promise<StaticServer> {
  const root = path.resolve(rootDir);
  const mount = normaliseBase(base);
  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    void resolveFile(root, mount, url.pathname).then(async (file) => {
      const notFound = path.join(root, '404.html');
      const status = file ? 200 : 404;
      const body = file ?? ((await isFile(notFound)) ? notFound : undefined);
      const type = body ? (CONTENT_TYPES[path.extname(body)] ?? 'application/octet-stream') : '';
      response.writeHead(status, body ? { 'content-type': type } : {});
      if (!body || request.method === 'HEAD') {
        response.end(body ? undefined : 'not found');
        return;
      }
      createReadStream(body).pipe(response);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    siteUrl: `${origin}${mount}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A load balancer that sends each request to the next instance in turn. */
export async function roundRobin(targets: () => string[]): Promise<{ url: string; hits: number[]; server: Server }> {
  const hits = [0, 0];
  let next = 0;
  const server = createServer((req, res) => {
    const index = next++ % 2;
    hits[index]! += 1;
    const target = new URL(targets()[index]!);
    const forward = request({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    forward.on('error', () => res.writeHead(502).end());
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, hits, server };
}

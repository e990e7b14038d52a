import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';

/**
 * Ports for apps whose URL must be known before they listen (the demo stack, an IdP named in
 * metadata). A port the kernel hands out for `listen(0)` comes from the ephemeral range, the
 * same range it draws the source ports of outgoing connections from: on a busy machine one of
 * the many client connections (to PostgreSQL, between test peers) can take it between the probe
 * and the app's own listen (EADDRINUSE). So the port is drawn at random from below that range,
 * checked free by binding it, and never handed out twice by this process.
 */
const handedOut = new Set<number>();

function ephemeralRangeStart(): number {
  try {
    const [low] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/);
    const start = Number(low);
    return Number.isInteger(start) && start > 12_000 ? start : 32_768;
  } catch {
    return 32_768;
  }
}

const below = ephemeralRangeStart();
const lowest = 10_000;

function bindable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

/** The kernel's choice, as a last resort when the range below the ephemeral one is crowded. */
function kernelPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** A loopback port that was free a moment ago and that outgoing connections do not draw from. */
export async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const port = lowest + Math.floor(Math.random() * (below - lowest));
    if (handedOut.has(port)) continue;
    handedOut.add(port);
    if (await bindable(port)) return port;
  }
  return kernelPort();
}

import type { Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

export interface GracefulCloser {
  /** Stops accepting, closes idle and silent connections now, in-flight ones as they finish, the rest at the deadline. */
  close(graceMs: number): Promise<{ cut: number }>;
}

/**
 * Node's `server.close()` waits for every open connection, and `closeIdleConnections()` does
 * not count a connection that never sent a request: one silent TCP client (a load balancer's
 * pre-opened connection, a port scan) would hold shutdown until it gives up. So connections
 * are tracked from the start with the number of requests in flight on each; at close, those
 * with none are destroyed at once, the others right after their answer, and whatever is left
 * at the deadline is cut.
 */
export function trackConnections(server: Server): GracefulCloser {
  const inFlight = new Map<Socket, number>();
  const answering = new Set<ServerResponse>();
  let closing = false;
  server.on('connection', (socket: Socket) => {
    inFlight.set(socket, 0);
    socket.once('close', () => inFlight.delete(socket));
  });
  server.on('request', (req, res) => {
    const socket = req.socket;
    inFlight.set(socket, (inFlight.get(socket) ?? 0) + 1);
    answering.add(res);
    if (closing) res.setHeader('Connection', 'close');
    res.once('close', () => {
      answering.delete(res);
      const left = (inFlight.get(socket) ?? 1) - 1;
      inFlight.set(socket, left);
      if (closing && left === 0) socket.destroy();
    });
  });

  return {
    close: (graceMs) => new Promise((resolve) => {
      closing = true;
      let cut = 0;
      const deadline = setTimeout(() => {
        for (const socket of inFlight.keys()) {
          cut += 1;
          socket.destroy();
        }
      }, graceMs);
      deadline.unref();
      server.close(() => {
        clearTimeout(deadline);
        resolve({ cut });
      });
      // Answers still to come tell their clients not to reuse the connection.
      for (const res of answering) if (!res.headersSent) res.setHeader('Connection', 'close');
      for (const [socket, count] of inFlight) if (count === 0) socket.destroy();
    }),
  };
}

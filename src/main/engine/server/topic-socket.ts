import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { TOPIC_NAMES, type TopicMessage } from '../../../shared/contract';
import type { TopicBus } from '../bus/topic-bus';
import type { Principal } from '../users/principal';

/** The close code a console gets when its user's token is revoked (4000-4999: the application's own). */
export const REVOKED_CLOSE_CODE = 4401;

/**
 * Pushes every topic to every connected console. Clients only listen; requests go over POST /rpc.
 * Each socket remembers whose token opened it: a revocation closes that user's sockets at once, and
 * a periodic check catches revocations made by another process on the same store (the CLI).
 */
export class TopicSocket {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  private readonly unsubscribe: (() => void)[];
  private readonly owners = new Map<WebSocket, Principal>();
  private readonly timer: NodeJS.Timeout;

  constructor(
    bus: TopicBus,
    private readonly isActive: (userId: string) => boolean = () => true,
    revocationCheckMs = 2000,
  ) {
    this.unsubscribe = TOPIC_NAMES.map((topic) => bus.subscribe(topic, (payload) => this.broadcast({ topic, payload })));
    this.wss.on('connection', (socket: WebSocket) => {
      // Nothing is accepted from clients on this socket.
      socket.on('message', () => socket.close(1003, 'this socket only pushes'));
      socket.once('close', () => this.owners.delete(socket));
    });
    this.timer = setInterval(() => this.dropRevoked(), revocationCheckMs);
    this.timer.unref();
  }

  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer, principal: Principal): void {
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      this.owners.set(ws, principal);
      this.wss.emit('connection', ws, req);
    });
  }

  get clientCount(): number {
    return this.wss.clients.size;
  }

  /** Closes every socket a user opened (their token was revoked). */
  closeUser(userId: string): void {
    for (const [ws, principal] of this.owners) {
      if (principal.kind === 'user' && principal.userId === userId) this.cut(ws);
    }
  }

  close(): void {
    clearInterval(this.timer);
    for (const off of this.unsubscribe) off();
    for (const client of this.wss.clients) client.terminate();
    this.wss.close();
  }

  private cut(ws: WebSocket): void {
    this.owners.delete(ws);
    ws.close(REVOKED_CLOSE_CODE, 'token revoked');
    // A client that does not answer the close handshake is cut off anyway.
    setTimeout(() => ws.terminate(), 1000).unref();
  }

  private dropRevoked(): void {
    for (const [ws, principal] of this.owners) {
      if (principal.kind === 'user' && !this.isActive(principal.userId)) this.cut(ws);
    }
  }

  private broadcast(message: TopicMessage): void {
    if (this.wss.clients.size === 0) return;
    const data = JSON.stringify(message);
    for (const client of this.wss.clients) {
      if (client.readyState !== client.OPEN) continue;
      const principal = this.owners.get(client);
      if (principal === undefined) continue;
      client.send(data);
    }
  }
}

import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { TOPIC_NAMES, type TopicMessage } from '../../../shared/contract';
import type { TopicBus } from '../bus/topic-bus';

/** Pushes every topic to every connected console. Clients only listen; requests go over POST /rpc. */
export class TopicSocket {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  private readonly unsubscribe: (() => void)[];

  constructor(bus: TopicBus) {
    this.unsubscribe = TOPIC_NAMES.map((topic) => bus.subscribe(topic, (payload) => this.broadcast({ topic, payload })));
    this.wss.on('connection', (socket: WebSocket) => {
      // Nothing is accepted from clients on this socket.
      socket.on('message', () => socket.close(1003, 'this socket only pushes'));
    });
  }

  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.wss.handleUpgrade(req, socket, head, (ws) => this.wss.emit('connection', ws, req));
  }

  get clientCount(): number {
    return this.wss.clients.size;
  }

  close(): void {
    for (const off of this.unsubscribe) off();
    for (const client of this.wss.clients) client.terminate();
    this.wss.close();
  }

  private broadcast(message: TopicMessage): void {
    if (this.wss.clients.size === 0) return;
    const data = JSON.stringify(message);
    for (const client of this.wss.clients) if (client.readyState === client.OPEN) client.send(data);
  }
}

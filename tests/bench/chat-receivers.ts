/**
 * A bench:chat receiver process: many lightweight members of one channel. They speak the Socket.IO wire protocol
 * over plain WebSockets and read only the id and send time of each message, so the load generator stays cheap
 * and the benchmark measures the server rather than the client library.
 */
import WebSocket from 'ws';
import { PROTOCOL_VERSION } from '../../shared/protocol';

interface Start {
  url: string;
  channel: string;
  count: number;
}

const now = () => performance.timeOrigin + performance.now();

function member(url: string, channel: string, onMessage: (id: string, sentAt: number) => void): Promise<WebSocket> {
  const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`);
  return new Promise((resolve, reject) => {
    ws.on('error', reject);
    ws.on('message', (data) => {
      const text = data.toString();
      if (text === '2') return ws.send('3'); // engine.io ping → pong
      if (text.startsWith('0{')) return ws.send(`40${JSON.stringify({ protocolVersion: PROTOCOL_VERSION })}`);
      if (text.startsWith('42["welcome"')) return ws.send(`420${JSON.stringify(['chat:join', { channel }])}`);
      if (text.startsWith('430')) return resolve(ws); // the join's acknowledgement
      if (text.startsWith('42["chat:message"')) {
        const i = text.indexOf('"id":"');
        const b = text.indexOf('"body":"bench ');
        if (i < 0 || b < 0) return;
        const sentAt = Number.parseFloat(text.slice(b + 14, text.indexOf(' ', b + 14)));
        onMessage(text.slice(i + 6, i + 42), sentAt);
      }
    });
  });
}

process.on('message', async (msg: { start?: Start; finish?: true }) => {
  if (msg.start) {
    const { url, channel, count } = msg.start;
    const seen: Set<string>[] = [];
    const latencies: number[] = [];
    let duplicated = 0;
    const sockets: WebSocket[] = [];
    for (let i = 0; i < count; i += 25) {
      const batch = await Promise.all(
        Array.from({ length: Math.min(25, count - i) }, (_, j) => {
          const mine = new Set<string>();
          seen[i + j] = mine;
          return member(url, channel, (id, sentAt) => {
            if (mine.has(id)) duplicated++;
            else {
              mine.add(id);
              latencies.push(now() - sentAt);
            }
          });
        }),
      );
      sockets.push(...batch);
    }
    process.send?.({ ready: sockets.length });
    process.on('message', (m: { finish?: true }) => {
      if (!m.finish) return;
      for (const s of sockets) s.close();
      process.send?.({ latencies, duplicated, received: latencies.length }, () => process.exit(0));
    });
  }
});

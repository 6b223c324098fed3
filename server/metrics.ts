/** Prometheus metrics of one server instance (its own registry, so several servers can run in one test process). */
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

export interface Metrics {
  registry: Registry;
  httpRequests: Counter<'method' | 'route' | 'status'>;
  httpDuration: Histogram<'method' | 'route'>;
  socketsConnected: Gauge;
  socketConnections: Counter;
  socketEvents: Counter<'event' | 'result'>;
  /** Presence room messages per socket, by how they went out (see server/realtime/room-frames.ts). */
  presenceFrames: Counter<'path'>;
}

export function createMetrics(): Metrics {
  const registry = new Registry();
  // The event-loop-lag metric samples with a timer; at its default 10 ms that timer was 100 of an idle process's 138
  // wake-ups a second (16 ms of CPU a second). Sampled every 100 ms: 52 wake-ups, 10 ms a second.
  collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 100 });
  return {
    registry,
    httpRequests: new Counter({
      name: 'minato_http_requests_total',
      help: 'HTTP requests by method, route and status',
      labelNames: ['method', 'route', 'status'],
      registers: [registry],
    }),
    httpDuration: new Histogram({
      name: 'minato_http_request_duration_seconds',
      help: 'HTTP request duration',
      labelNames: ['method', 'route'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    }),
    socketsConnected: new Gauge({
      name: 'minato_sockets_connected',
      help: 'Socket.IO connections open on this process',
      registers: [registry],
    }),
    socketConnections: new Counter({
      name: 'minato_socket_connections_total',
      help: 'Socket.IO connections accepted since start',
      registers: [registry],
    }),
    socketEvents: new Counter({
      name: 'minato_socket_events_total',
      help: 'Socket events handled, by event and result',
      labelNames: ['event', 'result'],
      registers: [registry],
    }),
    presenceFrames: new Counter({
      name: 'minato_presence_frames_total',
      help: 'Presence room messages per socket: direct (one prebuilt frame), skipped (volatile, the client is behind), fallback (through Socket.IO)',
      labelNames: ['path'],
      registers: [registry],
    }),
  };
}

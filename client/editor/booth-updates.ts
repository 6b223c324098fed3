/**
 * Keeps the expo store's booth list current while the tab is open: a booth published (or moved) by its exhibitor
 * or the organisers arrives as `booth:updated` and replaces (or joins) the list, so the hall and the directory
 * show it without a reload.
 */
import type { BoothSummary } from '../../shared/api';
import { onRealtimeSocket, type RealtimeSocket } from '../net/socket';
import { useExpoStore } from '../state/expo';

function applyBoothUpdate(booth: BoothSummary) {
  useExpoStore.setState((s) => {
    const index = s.booths.findIndex((b) => b.id === booth.id);
    const booths = index === -1 ? [...s.booths, booth] : s.booths.map((b, i) => (i === index ? booth : b));
    // A cached detail page is stale now; it reloads the next time it is opened.
    const { [booth.slug]: _stale, ...boothDetails } = s.boothDetails;
    return { booths, boothDetails };
  });
}

/** Starts listening on the tab's socket (now and after reconnects); returns a function that stops. */
export function listenForBoothUpdates(): () => void {
  let socket: RealtimeSocket | null = null;
  const stopWatching = onRealtimeSocket((s) => {
    socket?.off('booth:updated', applyBoothUpdate);
    socket = s;
    s.on('booth:updated', applyBoothUpdate);
  });
  return () => {
    stopWatching();
    socket?.off('booth:updated', applyBoothUpdate);
  };
}

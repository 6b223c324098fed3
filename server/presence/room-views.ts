/**
 * Which of this process's connections are in which cell room, and what each room has not been told yet: who came
 * into its 3×3 view and who left since its last batch. The tick carries those changes with the room's batch, so a
 * crossing costs one message per room rather than one per socket.
 */

/** A room's view changes waiting for its next batch (an id is in at most one of the two). */
export interface PendingView {
  enter: Set<number>;
  exit: Set<number>;
}

export class RoomViews {
  private readonly viewersByCell = new Map<number, Set<string>>();
  private readonly pending = new Map<number, PendingView>();

  /** Whether any connection of this process is in `cell`'s room (only those rooms get batches). */
  hasViewers(cell: number): boolean {
    return this.viewersByCell.has(cell);
  }

  /** The connections in `cell`'s room. */
  viewers(cell: number): ReadonlySet<string> | undefined {
    return this.viewersByCell.get(cell);
  }

  /** Moves a connection from the room of `from` to that of `to` (null: none). */
  move(connId: string, from: number | null, to: number | null): void {
    if (from !== null) {
      const viewers = this.viewersByCell.get(from);
      viewers?.delete(connId);
      if (viewers?.size === 0) this.viewersByCell.delete(from);
    }
    if (to !== null) {
      let viewers = this.viewersByCell.get(to);
      if (!viewers) {
        viewers = new Set();
        this.viewersByCell.set(to, viewers);
      }
      viewers.add(connId);
    }
  }

  /** Avatar `id` came into the view of `cells` (or changed): told with their rooms' next batch. */
  queueEnter(cells: readonly number[], id: number): void {
    for (const cell of cells) {
      const pending = this.pendingFor(cell);
      if (!pending) continue;
      pending.exit.delete(id);
      pending.enter.add(id);
    }
  }

  /** Avatar `id` left the view of `cells` (or the hall): told with their rooms' next batch. */
  queueExit(cells: readonly number[], id: number): void {
    for (const cell of cells) {
      const pending = this.pendingFor(cell);
      if (!pending) continue;
      pending.enter.delete(id);
      pending.exit.add(id);
    }
  }

  /** What `cell`'s room has not been told yet (undefined: nothing). */
  pendingOf(cell: number): PendingView | undefined {
    return this.pending.get(cell);
  }

  /** The rooms with changes waiting. */
  pendingCells(): IterableIterator<number> {
    return this.pending.keys();
  }

  /** After a room's batch: it has been told. */
  told(cell: number): void {
    this.pending.delete(cell);
  }

  /** A room's pending view changes; none for a room nobody on this process is in. */
  private pendingFor(cell: number): PendingView | undefined {
    if (!this.viewersByCell.has(cell)) return undefined;
    let pending = this.pending.get(cell);
    if (!pending) {
      pending = { enter: new Set(), exit: new Set() };
      this.pending.set(cell, pending);
    }
    return pending;
  }
}

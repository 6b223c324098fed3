import { type ReactNode, Suspense, useEffect, useState } from 'react';

/**
 * A chunk loaded on demand and shown through state rather than `React.lazy` and Suspense. Once React has shown a
 * Suspense fallback it keeps it on screen for at least 300 ms (react-dom's fallback throttle), however soon the chunk
 * arrives: the hall's map, behind two lazy steps (its route, then its view), appeared about 600 ms after everything
 * it needed was in. Here the caller's placeholder shows while the chunk downloads and the module the moment it is in;
 * once loaded, every later render has it at once.
 */
export interface Loadable<T> {
  /** Starts the download, once (again after a failure); resolves with the module. */
  load(): Promise<T>;
  /** The module if it has loaded. */
  current(): T | undefined;
}

export function loadable<T>(importer: () => Promise<T>): Loadable<T> {
  let module: T | undefined;
  let pending: Promise<T> | undefined;
  return {
    load() {
      pending ??= importer().then(
        (m) => {
          module = m;
          return m;
        },
        (err: unknown) => {
          pending = undefined;
          throw err;
        },
      );
      return pending;
    },
    current: () => module,
  };
}

/**
 * The chunk's module once loaded (starting the download on mount), else undefined. A failed download is thrown during
 * render, to the route's error boundary, as a failed `React.lazy` would be.
 */
export function useLoaded<T>(chunk: Loadable<T>): T | undefined {
  const [loaded, setLoaded] = useState(chunk.current);
  const [failure, setFailure] = useState<{ error: unknown } | null>(null);
  // Loaded since this component mounted (a booth panel fetched ahead, when a booth came within reach): at once.
  const module = loaded ?? chunk.current();
  useEffect(() => {
    if (module) return;
    let live = true;
    chunk.load().then(
      (m) => live && setLoaded(() => m),
      (error: unknown) => live && setFailure({ error }),
    );
    return () => {
      live = false;
    };
  }, [chunk, module]);
  if (failure) throw failure.error;
  return module;
}

/**
 * `children(module)` once the chunk is in, `fallback` until then. The Suspense boundary is for anything inside that
 * suspends (a model, a texture), which shows the same fallback.
 */
export function Loaded<T>({
  chunk,
  fallback,
  children,
}: {
  chunk: Loadable<T>;
  fallback: ReactNode;
  children: (module: T) => ReactNode;
}) {
  const module = useLoaded(chunk);
  return <Suspense fallback={fallback}>{module ? children(module) : fallback}</Suspense>;
}

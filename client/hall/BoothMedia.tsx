import { useFrame } from '@react-three/fiber';
import { Component, lazy, type ReactNode, Suspense, useEffect, useMemo, useRef, useState } from 'react';
import { type Mesh, SRGBColorSpace, VideoTexture } from 'three';
import type { BoothSummary } from '../../shared/api';
import { useExpoStore } from '../state/expo';
import type { BoothAnchors } from './buildHall';
import { useHallRuntime } from './HallRuntime';
import { useHallStore } from './hallStore';
import { boothVisitedAt } from './plotAt';

/** Booth details are fetched for booths within this distance, so posters and media are ready on arrival. */
const PREFETCH_RADIUS = 28;
/** Videos play within this distance of the booth's screen, in front of it. */
const VIDEO_RADIUS = 10;
/** Product models are shown within this distance; at most this many at once. */
const MODEL_RADIUS = 16;
const MAX_MODELS = 4;

// The glTF loader (about 20 KB compressed) loads with the first product model, not with the hall.
const BoothModel = lazy(() => import('./BoothModel'));

/**
 * Everything that depends on where the visitor stands: which booth they are at (opens its panel), which booth's
 * video plays, which product models are loaded. Checked in the frame loop; React state changes only when the
 * answer changes.
 */
export function BoothMedia({
  anchors,
  boothsById,
}: {
  anchors: ReadonlyMap<string, BoothAnchors>;
  boothsById: ReadonlyMap<string, BoothSummary>;
}) {
  const runtime = useHallRuntime();
  const [videoBooth, setVideoBooth] = useState<string | null>(null);
  const [modelBooths, setModelBooths] = useState<string[]>([]);
  const anchorList = useMemo(() => [...anchors.values()], [anchors]);
  const details = useExpoStore((s) => s.boothDetails);
  const clock = useRef(0);

  useFrame((_, delta) => {
    const { player, layout } = runtime;
    const visited = boothVisitedAt(layout, player.x, player.z);
    useHallStore.getState().setNearBooth(visited?.boothId ?? null);

    clock.current += delta;
    if (clock.current < 0.25) return;
    clock.current = 0;
    // Four times a second: prefetch details, choose the playing video and the models to show.
    let bestVideo: string | null = null;
    let bestVideoDist = VIDEO_RADIUS;
    let models = '';
    let modelCount = 0;
    const store = useExpoStore.getState();
    for (const a of anchorList) {
      const dx = player.x - a.screen.x;
      const dz = player.z - a.screen.z;
      const dist = Math.hypot(dx, dz);
      if (dist > PREFETCH_RADIUS) continue;
      const booth = boothsById.get(a.boothId);
      if (!booth) continue;
      const entry = store.boothDetails[booth.slug];
      if (!entry) void store.loadBooth(booth.slug);
      const detail = entry?.status === 'ready' ? entry.booth : null;
      // In front of the screen: its normal is +z turned by the plot's rotation, (sin r, cos r).
      const facing = Math.sin(a.screen.rotationY) * dx + Math.cos(a.screen.rotationY) * dz;
      if (detail?.content.some((c) => c.kind === 'video') && dist < bestVideoDist && facing > 0) {
        bestVideo = a.boothId;
        bestVideoDist = dist;
      }
      if (detail?.content.some((c) => c.kind === 'model') && dist < MODEL_RADIUS && modelCount < MAX_MODELS) {
        models += `${a.boothId}\n`;
        modelCount++;
      }
    }
    if (bestVideo !== videoBooth) setVideoBooth(bestVideo);
    if (models !== modelBooths.join('\n') + (modelBooths.length ? '\n' : '')) {
      setModelBooths(models.split('\n').filter(Boolean));
    }
  });

  const detailOf = (boothId: string) => {
    const booth = boothsById.get(boothId);
    const entry = booth ? details[booth.slug] : undefined;
    return entry?.status === 'ready' ? entry.booth : null;
  };
  const video = videoBooth ? detailOf(videoBooth)?.content.find((c) => c.kind === 'video') : undefined;
  const videoAnchor = videoBooth ? anchors.get(videoBooth) : undefined;

  return (
    <>
      {video && videoAnchor && (
        <BoothVideo key={videoBooth} boothId={videoBooth!} url={video.url} anchor={videoAnchor} />
      )}
      {modelBooths.map((id) => {
        const model = detailOf(id)?.content.find((c) => c.kind === 'model');
        const anchor = anchors.get(id);
        if (!model || !anchor) return null;
        return (
          <ModelBoundary key={id}>
            <Suspense fallback={null}>
              <BoothModel url={model.url} anchor={anchor} />
            </Suspense>
          </ModelBoundary>
        );
      })}
    </>
  );
}

/** The booth's video on its screen: muted while you stand there, a click turns the sound on. */
function BoothVideo({ boothId, url, anchor }: { boothId: string; url: string; anchor: BoothAnchors }) {
  const runtime = useHallRuntime();
  const meshRef = useRef<Mesh>(null);
  const { video, texture } = useMemo(() => {
    const video = document.createElement('video');
    video.src = url;
    video.muted = true;
    video.loop = true;
    video.playsInline = true;
    video.crossOrigin = 'anonymous';
    video.preload = 'auto';
    const texture = new VideoTexture(video);
    texture.colorSpace = SRGBColorSpace;
    return { video, texture };
  }, [url]);

  useEffect(() => {
    const mesh = meshRef.current;
    runtime.media.boothId = boothId;
    runtime.media.video = video;
    video.play().catch(() => {
      // Autoplay of muted video is allowed almost everywhere; if not, the poster frame stays.
    });
    if (mesh)
      runtime.clickables.set(mesh, () => {
        video.muted = !video.muted;
        if (video.paused) void video.play().catch(() => undefined);
      });
    return () => {
      // Walking away pauses and releases the video.
      video.pause();
      runtime.media.lastVideo = video;
      if (mesh) runtime.clickables.delete(mesh);
      if (runtime.media.video === video) {
        runtime.media.boothId = null;
        runtime.media.video = null;
      }
      texture.dispose();
    };
  }, [runtime, boothId, video, texture]);

  return (
    <mesh
      ref={meshRef}
      position={[anchor.screen.x, anchor.screen.y, anchor.screen.z]}
      rotation-y={anchor.screen.rotationY}
    >
      <planeGeometry args={[anchor.screen.width, anchor.screen.height]} />
      <meshBasicMaterial map={texture} toneMapped={false} />
    </mesh>
  );
}

/** A model that fails to load leaves an empty pedestal rather than breaking the hall. */
class ModelBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  override componentDidCatch(error: unknown) {
    console.warn('Booth model failed to load', error);
  }
  override render() {
    return this.state.failed ? null : this.props.children;
  }
}

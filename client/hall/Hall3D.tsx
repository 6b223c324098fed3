import { useProgress } from '@react-three/drei';
import { Component, type ReactNode, useEffect, useMemo, useState } from 'react';
import type { BoothSummary, ZoneView } from '../../shared/api';
import { AVATAR_CAPACITY } from './Avatars';
import { createAvatarFrame, seedSyntheticAvatars, stepSyntheticAvatars } from './avatarSource';
import { useHallRuntime } from './HallRuntime';
import { HallScene } from './HallScene';
import { useHallText } from './hallText';
import { Minimap } from './Minimap';
import { TouchJoystick } from './TouchJoystick';
import { usePresence } from './usePresence';
import { useVRSupported, VRButton } from './VRButton';

export interface Hall3DProps {
  booths: readonly BoothSummary[];
  zones: readonly ZoneView[];
  testMode: boolean;
  /** The canvas could not start or lost its context for good: the route falls back to 2D. */
  onFail(): void;
}

// startHallDownloads calls this the moment this chunk arrives.
export { loadHallFont } from './HallLabels';

/** The 3D view: the canvas with its overlays (loading bar, minimap, touch joystick). Lazy-loaded with three.js. */
export default function Hall3D({ booths, zones, testMode, onFail }: Hall3DProps) {
  const runtime = useHallRuntime();
  const { text, language } = useHallText();
  const vrSupported = useVRSupported();

  // Other visitors come from presence; tests and the render benchmark can drive synthetic walkers instead.
  const synthetic = useMemo(() => createAvatarFrame(AVATAR_CAPACITY), []);
  const [syntheticOn, setSyntheticOn] = useState(false);
  useEffect(() => {
    if (!testMode) return;
    const set = (count: number) => {
      seedSyntheticAvatars(synthetic, runtime.layout, count);
      setSyntheticOn(count > 0);
    };
    window.__minatoHallAvatars = set;
    const initial = Number(new URLSearchParams(window.location.search).get('avatars') ?? 0);
    if (initial > 0) set(initial);
    return () => {
      delete window.__minatoHallAvatars;
    };
  }, [testMode, synthetic, runtime]);
  const live = usePresence(runtime, text('guestName'), AVATAR_CAPACITY);
  const avatarSource = useMemo(() => {
    let last = performance.now();
    return () => {
      if (!syntheticOn) {
        const frame = live();
        if (testMode) window.__minatoHallLiveAvatars = frame;
        return frame;
      }
      const now = performance.now();
      stepSyntheticAvatars(synthetic, runtime.layout, Math.min(0.1, (now - last) / 1000));
      last = now;
      return synthetic;
    };
  }, [syntheticOn, synthetic, runtime, live, testMode]);

  return (
    <section className="hall3d" aria-label={text('help')}>
      <CanvasBoundary onFail={onFail}>
        <HallScene
          booths={booths}
          zones={zones}
          language={language}
          testMode={testMode}
          avatars={avatarSource}
          onContextLost={onFail}
          vr={vrSupported}
        />
      </CanvasBoundary>
      <LoadingBar />
      <Minimap zones={zones} />
      <TouchJoystick />
      {vrSupported && <VRButton />}
    </section>
  );
}

/** The loading bar over the canvas while textures, fonts and models arrive (three's loading manager). */
function LoadingBar() {
  const { active, progress } = useProgress();
  const runtime = useHallRuntime();
  const { text } = useHallText();
  const [textReady, setTextReady] = useState(runtime.status.textReady);
  // Latches: later lazy loads (models near booths) do not bring the bar back over a hall already in use.
  const [shown, setShown] = useState(runtime.status.assetsReadyAt === null);
  useEffect(() => {
    if (!shown) return;
    // Checked every frame rather than on a timer, and read from the stores rather than from this component's render:
    // assetsReadyAt is taken the frame the text and pictures are in, not when React next gets round to this bar.
    let id = 0;
    const check = () => {
      const { status } = runtime;
      if (status.textReady && !useProgress.getState().active) {
        status.assetsReadyAt ??= performance.now();
        setShown(false);
        return;
      }
      if (status.textReady) setTextReady(true);
      id = requestAnimationFrame(check);
    };
    id = requestAnimationFrame(check);
    return () => cancelAnimationFrame(id);
  }, [runtime, shown]);
  const percent = Math.round(textReady ? progress : Math.min(progress, 90));
  if (!shown || (!active && textReady)) return null;
  return (
    <div
      className="hall-loading"
      role="progressbar"
      aria-label={text('loadingHall')}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent}
    >
      <p className="hall-loading__label">{text('loadingHall')}</p>
      <div className="hall-loading__track">
        <div className="hall-loading__bar" style={{ width: `${Math.max(5, percent)}%` }} />
      </div>
    </div>
  );
}

class CanvasBoundary extends Component<{ children: ReactNode; onFail(): void }, { failed: boolean }> {
  override state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  override componentDidCatch(error: unknown) {
    console.error('The 3D hall failed to start', error);
    this.props.onFail();
  }
  override render() {
    return this.state.failed ? null : this.props.children;
  }
}

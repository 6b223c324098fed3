/**
 * The live 3D preview in the booth editor: the hall's own geometry for a one-plot hall (previewBooth.ts), redrawn as
 * the draft changes, with the product model on its pedestal. Lazy-loaded with three.js; renders on demand, so an
 * editor page that sits still costs no frames.
 */
import { OrbitControls } from '@react-three/drei';
import { Canvas, useFrame, useThree } from '@react-three/fiber';
import {
  Component,
  type ComponentRef,
  lazy,
  type ReactNode,
  type RefObject,
  Suspense,
  useEffect,
  useMemo,
  useRef,
} from 'react';
import { LoadingManager, SRGBColorSpace } from 'three';
import type { BoothSummary } from '../../shared/api';
import type { BoothDraft, EditorBoothView } from '../../shared/booth-editor';
import { pickText } from '../../shared/i18n';
import { buildHall } from '../hall/buildHall';
import { paintFloor } from '../hall/floorTexture';
import { HallLabels } from '../hall/HallLabels';
import { createHallRuntime, HallRuntimeContext } from '../hall/HallRuntime';
import { drawableText } from '../hall/hallText';
import { initials } from '../hall/initials';
import { useSceneMaterials } from '../hall/sceneMaterials';
import { TextureAtlas } from '../hall/TextureAtlas';
import { previewCamera, previewLayout, previewSummary } from './previewBooth';

// The glTF loader comes only with a draft that has a product model.
const BoothModel = lazy(() => import('../hall/BoothModel'));

type Controls = ComponentRef<typeof OrbitControls>;

export interface BoothPreview3DProps {
  booth: EditorBoothView;
  draft: BoothDraft;
  language: string;
  /** The canvas's accessible name. */
  label: string;
  texts: { turnLeft: string; turnRight: string; firstView: string };
  /** WebGL could not start or was lost: the editor shows the flat card instead. */
  onFail(): void;
}

const NO_ZONES = new Map();
const TURN = Math.PI / 6;

export default function BoothPreview3D({ booth, draft, language, label, texts, onFail }: BoothPreview3DProps) {
  const { layout, plot } = useMemo(() => previewLayout(booth.id, booth.size), [booth.id, booth.size]);
  const runtime = useMemo(() => createHallRuntime(layout), [layout]);
  const camera = useMemo(() => previewCamera(plot), [plot]);
  const frame = useRef<HTMLDivElement>(null);
  const controls = useRef<Controls>(null);
  const summary = previewSummary(booth, draft);
  const model = draft.content.find((c) => c.kind === 'model')?.url ?? null;
  const poster = draft.content.find((c) => c.kind === 'image')?.url ?? null;

  const turn = (by: number | null) => {
    const c = controls.current;
    if (!c) return;
    if (by === null) {
      c.object.position.set(...camera.position);
      c.target.set(...camera.target);
    } else c.setAzimuthalAngle(c.getAzimuthalAngle() + by);
    c.update();
  };

  return (
    <div className="booth-preview-3d">
      <div
        ref={frame}
        className="booth-preview-3d__canvas"
        role="img"
        aria-label={label}
        data-testid="booth-preview-3d"
      >
        <CanvasBoundary onFail={onFail}>
          <Canvas
            flat
            frameloop={model ? 'always' : 'demand'}
            dpr={[1, 1.5]}
            gl={{ antialias: true }}
            camera={{ fov: 40, near: 0.1, far: 120, position: camera.position }}
            onCreated={({ gl }) => {
              gl.outputColorSpace = SRGBColorSpace;
              gl.domElement.addEventListener('webglcontextlost', onFail);
            }}
          >
            <HallRuntimeContext value={runtime}>
              <PreviewScene
                layout={layout}
                summary={summary}
                language={language}
                poster={poster}
                model={model}
                frame={frame}
              />
            </HallRuntimeContext>
            <OrbitControls
              ref={controls}
              makeDefault
              target={camera.target}
              enablePan={false}
              // No glide after a drag: "front view" then lands exactly, and frames stop when the hand does.
              enableDamping={false}
              minDistance={3}
              maxDistance={18}
              minPolarAngle={0.35}
              maxPolarAngle={Math.PI / 2 - 0.08}
            />
          </Canvas>
        </CanvasBoundary>
      </div>
      <div className="booth-preview-3d__turns">
        <button type="button" className="button button--small" onClick={() => turn(-TURN)}>
          {texts.turnLeft}
        </button>
        <button type="button" className="button button--small" onClick={() => turn(null)}>
          {texts.firstView}
        </button>
        <button type="button" className="button button--small" onClick={() => turn(TURN)}>
          {texts.turnRight}
        </button>
      </div>
    </div>
  );
}

function PreviewScene({
  layout,
  summary,
  language,
  poster,
  model,
  frame,
}: {
  layout: ReturnType<typeof previewLayout>['layout'];
  summary: BoothSummary;
  language: string;
  poster: string | null;
  model: string | null;
  frame: RefObject<HTMLDivElement | null>;
}) {
  const invalidate = useThree((s) => s.invalidate);
  // One slot each, as in the hall; pictures arriving ask for a frame (the canvas draws on demand).
  const atlases = useMemo(() => {
    const manager = new LoadingManager(() => invalidate());
    return {
      logo: new TextureAtlas(1, 256, 128, 2048, manager),
      poster: new TextureAtlas(1, 128, 192, 2048, manager),
    };
  }, [invalidate]);
  useEffect(
    () => () => {
      atlases.logo.dispose();
      atlases.poster.dispose();
    },
    [atlases],
  );
  const { brandColor, logoUrl } = summary;
  const title = initials(summary.name.en);
  useEffect(() => {
    atlases.logo.placeholder(0, '#FFFFFF', brandColor, title);
    if (logoUrl) atlases.logo.load(0, logoUrl);
    invalidate();
  }, [atlases, brandColor, title, logoUrl, invalidate]);
  useEffect(() => {
    atlases.poster.placeholder(0, brandColor, '#FFFFFF', title, true);
    if (poster) atlases.poster.load(0, poster);
    invalidate();
  }, [atlases, brandColor, title, poster, invalidate]);

  // What the hall's geometry reads of a booth; rebuilt only when one of these changes.
  const name = pickText(summary.name, language);
  const { template } = summary;
  // biome-ignore lint/correctness/useExhaustiveDependencies: `summary` is new every render; its drawn fields are listed.
  const build = useMemo(
    () =>
      buildHall(
        layout,
        new Map([[summary.id, summary]]),
        NO_ZONES,
        (b) => drawableText(name, b.name.en),
        () => '',
        { entrance: '', information: '', welcome: '' },
        atlases.logo,
        atlases.poster,
      ),
    [layout, summary.id, summary.name.en, name, brandColor, template, atlases],
  );
  const geometries = useMemo(
    () => ({ structure: build.structure.build(), logos: build.logos.build(), posters: build.posters.build() }),
    [build],
  );
  useEffect(
    () => () => {
      geometries.structure.dispose();
      geometries.logos.dispose();
      geometries.posters.dispose();
    },
    [geometries],
  );
  // Only the booth's own signs: the hall's entrance and information signs are out of view.
  const labels = useMemo(() => build.labels.filter((l) => l.key.startsWith('booth')), [build]);
  const anchor = build.anchors.get(summary.id);

  const floor = useMemo(() => paintFloor(layout, NO_ZONES), [layout]);
  useEffect(() => () => floor.dispose(), [floor]);
  const materials = useSceneMaterials(atlases, floor);

  // Tells the page (and tests) which draft the canvas shows, once a frame with it has been drawn.
  const shown = useRef({ build: null as unknown, frames: 0 });
  useFrame(() => {
    atlases.logo.flush();
    atlases.poster.flush();
    const s = shown.current;
    if (s.build !== build) {
      s.build = build;
      s.frames = 0;
    }
    if (s.frames < 2) {
      s.frames++;
      if (s.frames === 2 && frame.current) {
        frame.current.dataset.brand = brandColor;
        frame.current.dataset.template = template;
      } else invalidate();
    }
  });

  const { bounds } = layout;
  return (
    <>
      <color attach="background" args={['#16263F']} />
      <fog attach="fog" args={['#C4CBD3', 45, 170]} />
      <hemisphereLight args={['#FFFDF8', '#9C9486', 2.4]} />
      <directionalLight position={[25, 40, 30]} intensity={1.3} />
      <mesh
        material={materials.floor}
        rotation-x={-Math.PI / 2}
        position={[(bounds.minX + bounds.maxX) / 2, 0, (bounds.minZ + bounds.maxZ) / 2]}
      >
        <planeGeometry args={[bounds.maxX - bounds.minX, bounds.maxZ - bounds.minZ]} />
      </mesh>
      <mesh geometry={geometries.structure} material={materials.structure} />
      <mesh geometry={geometries.logos} material={materials.logos} />
      <mesh geometry={geometries.posters} material={materials.posters} />
      <HallLabels labels={labels} />
      {model && anchor && (
        <ModelBoundary key={model}>
          <Suspense fallback={null}>
            <BoothModel url={model} anchor={anchor} />
          </Suspense>
        </ModelBoundary>
      )}
    </>
  );
}

/** A canvas that cannot start hands over to the flat preview. */
class CanvasBoundary extends Component<{ children: ReactNode; onFail(): void }, { failed: boolean }> {
  override state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  override componentDidCatch(error: unknown) {
    console.warn('The 3D booth preview could not start', error);
    this.props.onFail();
  }
  override render() {
    return this.state.failed ? null : this.props.children;
  }
}

/** A model that fails to load leaves the pedestal empty, as in the hall. */
class ModelBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  override componentDidCatch(error: unknown) {
    console.warn('The booth model could not be shown', error);
  }
  override render() {
    return this.state.failed ? null : this.props.children;
  }
}

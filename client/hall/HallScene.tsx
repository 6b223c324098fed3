import { Canvas, useFrame, useThree } from '@react-three/fiber';
import { lazy, Suspense, useEffect, useMemo } from 'react';
import { LoadingManager, SRGBColorSpace } from 'three';
import type { BoothSummary, ZoneView } from '../../shared/api';
import { pickText } from '../../shared/i18n';
import { isSheetLogo, LOGO_SHEET_PATH, logoSheetEntries, logoSheetKey, logoSheetTile } from '../../shared/logoSheet';
import { Avatars } from './Avatars';
import type { AvatarFrame } from './avatarSource';
import { BoothMedia } from './BoothMedia';
import { buildHall } from './buildHall';
import { paintFloor } from './floorTexture';
import { HallLabels } from './HallLabels';
import { useHallRuntime } from './HallRuntime';
import { drawableText } from './hallText';
import { initials } from './initials';
import { Player } from './Player';
import { PosterLoader } from './PosterLoader';
import { StaffLights } from './StaffLights';
import { sceneLabel } from './sceneLabels';
import { useSceneMaterials } from './sceneMaterials';
import { TestProbe } from './TestProbe';
import { TextureAtlas } from './TextureAtlas';

// The headset view loads only where immersive VR is supported (see VRButton).
const VRLayer = lazy(() => import('./vr/VRLayer'));

export interface HallSceneProps {
  booths: readonly BoothSummary[];
  zones: readonly ZoneView[];
  language: string;
  testMode: boolean;
  avatars: () => AvatarFrame | null;
  onContextLost(): void;
  /** Immersive VR is supported: mount the VR rig (teleport, snap turn, booth boards). */
  vr?: boolean;
}

/** The 3D hall: one canvas, a handful of draw calls however many booths. */
export function HallScene(props: HallSceneProps) {
  const runtime = useHallRuntime();
  const { spawn } = runtime.layout;
  return (
    <Canvas
      flat
      dpr={[1, 1.5]}
      gl={{ antialias: true, preserveDrawingBuffer: props.testMode, powerPreference: 'high-performance' }}
      camera={{ fov: 62, near: 0.1, far: 260, position: [spawn.x, 1.6, spawn.z] }}
      onCreated={({ gl }) => {
        gl.outputColorSpace = SRGBColorSpace;
        gl.domElement.addEventListener('webglcontextlost', props.onContextLost);
      }}
    >
      <HallContents {...props} />
    </Canvas>
  );
}

function HallContents({ booths, zones, language, testMode, avatars, vr }: HallSceneProps) {
  const runtime = useHallRuntime();
  const { layout } = runtime;
  const boothsById = useMemo(() => new Map(booths.map((b) => [b.id, b])), [booths]);
  const zonesById = useMemo(() => new Map(zones.map((z) => [z.id, z])), [zones]);

  // Atlases do not depend on the language, so switching language does not reload every logo.
  const atlases = useMemo(() => {
    const logo = new TextureAtlas(Math.max(1, layout.plots.length), 256, 128);
    // Posters refine a view that is already complete (each booth starts with a painted placeholder), so they load
    // outside the loading bar's count and never hold up the first walkable view.
    const poster = new TextureAtlas(Math.max(1, layout.plots.length), 128, 192, 2048, new LoadingManager());
    const slotOf = new Map<string, number>();
    layout.plots.forEach((plot, slot) => {
      const booth = boothsById.get(plot.boothId);
      if (!booth) return;
      slotOf.set(booth.id, slot);
      logo.placeholder(slot, '#FFFFFF', booth.brandColor, initials(booth.name.en));
      poster.placeholder(slot, booth.brandColor, '#FFFFFF', initials(booth.name.en), true);
      // Logos the server can read come in one sheet (one request, not one per booth); others load on their own.
      if (booth.logoUrl && !isSheetLogo(booth.logoUrl)) logo.load(slot, booth.logoUrl);
    });
    const sheet = logoSheetEntries([...boothsById.values()]);
    const placed = sheet.flatMap((entry, index) => {
      const slot = slotOf.get(entry.boothId);
      return slot === undefined ? [] : [{ slot, logoUrl: entry.logoUrl, ...logoSheetTile(index) }];
    });
    if (placed.length > 0) {
      logo.loadSheet(`${LOGO_SHEET_PATH}?v=${logoSheetKey(sheet)}`, placed, () => {
        for (const p of placed) logo.load(p.slot, p.logoUrl);
      });
    }
    return { logo, poster };
  }, [layout, boothsById]);
  useEffect(
    () => () => {
      atlases.logo.dispose();
      atlases.poster.dispose();
    },
    [atlases],
  );

  const build = useMemo(
    () =>
      buildHall(
        layout,
        boothsById,
        zonesById,
        (b) => drawableText(pickText(b.name, language), b.name.en),
        (z) => drawableText(pickText(z.name, language), z.name.en),
        {
          entrance: sceneLabel('entrance', language),
          information: sceneLabel('information', language),
          welcome: sceneLabel('welcome', language),
        },
        atlases.logo,
        atlases.poster,
      ),
    [layout, boothsById, zonesById, language, atlases],
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
  const floor = useMemo(() => paintFloor(layout, zonesById), [layout, zonesById]);
  useEffect(() => () => floor.dispose(), [floor]);

  const materials = useSceneMaterials(atlases, floor);

  useFrame(() => {
    atlases.logo.flush();
    atlases.poster.flush();
  });

  const { bounds } = layout;
  const width = bounds.maxX - bounds.minX;
  const depth = bounds.maxZ - bounds.minZ;
  return (
    <>
      <color attach="background" args={['#16263F']} />
      <fog attach="fog" args={['#C4CBD3', 45, 170]} />
      <hemisphereLight args={['#FFFDF8', '#9C9486', 2.4]} />
      <directionalLight position={[25, 40, 30]} intensity={1.3} />
      <mesh
        name="floor"
        material={materials.floor}
        rotation-x={-Math.PI / 2}
        position={[(bounds.minX + bounds.maxX) / 2, 0, (bounds.minZ + bounds.maxZ) / 2]}
        userData={{ floor: true }}
        ref={(mesh) => {
          if (mesh) runtime.pickables.floor = mesh;
        }}
      >
        <planeGeometry args={[width, depth]} />
      </mesh>
      <mesh
        name="structure"
        geometry={geometries.structure}
        material={materials.structure}
        ref={(mesh) => {
          if (mesh) runtime.pickables.structure = mesh;
        }}
      />
      <mesh name="logos" geometry={geometries.logos} material={materials.logos} />
      <mesh name="posters" geometry={geometries.posters} material={materials.posters} />
      <HallLabels labels={build.labels} />
      <StaffLights anchors={build.anchors} />
      <PosterLoader atlas={atlases.poster} anchors={build.anchors} />
      <Suspense fallback={null}>
        <BoothMedia anchors={build.anchors} boothsById={boothsById} />
      </Suspense>
      <Avatars source={avatars} />
      <Player />
      <CameraFar />
      {vr && (
        <Suspense fallback={null}>
          <VRLayer booths={booths} language={language} />
        </Suspense>
      )}
      {testMode && <TestProbe />}
    </>
  );
}

/** Keeps the far plane and fog sensible for the hall's size. */
function CameraFar() {
  const camera = useThree((s) => s.camera);
  useEffect(() => {
    camera.far = 260;
    camera.updateProjectionMatrix();
  }, [camera]);
  return null;
}

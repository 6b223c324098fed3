/**
 * What @react-three/fiber sees when it imports 'three' in the production build (vite.config.ts points it here).
 *
 * Fiber's <Canvas> registers the whole namespace it imports as JSX elements (`extend(THREE)`), which keeps every
 * class of three.js in the bundle: loaders, animation, curves, helpers the hall never uses. Giving it this module
 * instead lets the bundler drop them. It holds two kinds of names: what fiber itself uses (renderer, cameras,
 * raycaster, clock, tone mapping and shadow constants), and every lowercase JSX element a canvas of this app uses
 * (the hall's scene, its VR layer with @react-three/xr's and drei's elements, the booth editor's preview). An element
 * missing here makes fiber throw "X is not part of the THREE namespace" (the browser tests show it); a canvas that
 * needs another element can `extend()` it where it is used.
 */
export {
  ACESFilmicToneMapping,
  BasicShadowMap,
  BoxGeometry,
  Clock,
  Color,
  ColorManagement,
  DirectionalLight,
  Fog,
  Group,
  HemisphereLight,
  InstancedMesh,
  Layers,
  LinearSRGBColorSpace,
  Mesh,
  MeshBasicMaterial,
  NoToneMapping,
  Object3D,
  OrthographicCamera,
  PCFShadowMap,
  PCFSoftShadowMap,
  PerspectiveCamera,
  PlaneGeometry,
  Raycaster,
  RGBAFormat,
  RingGeometry,
  Scene,
  ShaderMaterial,
  SphereGeometry,
  SRGBColorSpace,
  UnsignedByteType,
  Vector2,
  Vector3,
  VSMShadowMap,
  WebGLRenderer,
} from 'three';

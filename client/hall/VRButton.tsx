import { useEffect, useState, useSyncExternalStore } from 'react';
import { useHallText } from './hallText';

/** The part of @react-three/xr's store the button needs (the type only: the store itself is in the VR chunk). */
type XRStoreLike = Pick<import('@react-three/xr').XRStore, 'enterVR' | 'getState' | 'subscribe'>;

/**
 * Whether this browser can run an immersive VR session (a headset is connected, or the browser is a headset's).
 * False until `navigator.xr.isSessionSupported('immersive-vr')` resolves true; false where WebXR is missing.
 */
export function useVRSupported(): boolean {
  const [supported, setSupported] = useState(false);
  useEffect(() => {
    let live = true;
    const xr = (navigator as Navigator & { xr?: XRSystem }).xr;
    xr?.isSessionSupported('immersive-vr').then(
      (ok) => {
        if (live && ok) setSupported(true);
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, []);
  return supported;
}

const noStore = () => () => undefined;

/**
 * "Enter VR", and "Exit VR" while a session runs (for whoever watches the screen, or a headset whose own exit is hard
 * to find). Shown only where immersive VR is supported; loads the VR chunk (it is in use as soon as it shows).
 */
export function VRButton() {
  const { text } = useHallText();
  const [store, setStore] = useState<XRStoreLike | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let live = true;
    import('./vr/VRLayer').then(
      (m) => {
        if (live) setStore(m.hallXRStore);
      },
      (error: unknown) => console.error('The VR view failed to load', error),
    );
    return () => {
      live = false;
    };
  }, []);
  // Re-renders only when a session starts or ends, not on the store's per-frame updates.
  const session = useSyncExternalStore(store?.subscribe ?? noStore, () => store?.getState().session ?? null);

  if (session) {
    return (
      <div className="hall-vr">
        <button
          type="button"
          className="hall-vr__enter"
          onClick={() => {
            // Ending the session hands the canvas back to the screen view (VRLayer resets the rig on the way out).
            session.end().catch((error: unknown) => console.error('Leaving VR failed', error));
          }}
        >
          {text('exitVr')}
        </button>
      </div>
    );
  }
  return (
    <div className="hall-vr">
      <button
        type="button"
        className="hall-vr__enter"
        disabled={!store}
        onClick={() => {
          setFailed(false);
          // Called straight from the click: requestSession needs the user's gesture.
          store?.enterVR().catch((error: unknown) => {
            console.error('Entering VR failed', error);
            setFailed(true);
          });
        }}
      >
        {text('enterVr')}
      </button>
      {failed && (
        <p className="hall-vr__error" role="alert">
          {text('enterVrFailed')}
        </p>
      )}
    </div>
  );
}

import { useId } from 'react';

interface LoadingScreenProps {
  /** What is loading, in words (already translated). */
  label: string;
  /** 0..1, or omitted when we cannot tell how far along it is. */
  progress?: number;
}

/** A calm loading state with a progress bar; used while the expo loads and while lazy routes arrive. */
export function LoadingScreen({ label, progress }: LoadingScreenProps) {
  const labelId = useId();
  const known = typeof progress === 'number' && Number.isFinite(progress);
  const percent = known ? Math.round(Math.min(1, Math.max(0, progress)) * 100) : undefined;
  return (
    <main id="main" tabIndex={-1} className="loading-screen" aria-busy="true">
      <div className="loading-screen__panel">
        <p id={labelId} className="loading-screen__label">
          {label}
        </p>
        <div
          className={`progress${known ? '' : ' progress--indeterminate'}`}
          role="progressbar"
          aria-labelledby={labelId}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={percent}
        >
          <div className="progress__bar" style={known ? { width: `${percent}%` } : undefined} />
        </div>
      </div>
    </main>
  );
}

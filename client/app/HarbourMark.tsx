/** The Minato Hall mark: a harbour arch over two waves. Decorative; the expo name beside it is the label. */
export function HarbourMark({ size = 32 }: { size?: number }) {
  return (
    <svg className="harbour-mark" width={size} height={size} viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <rect width="32" height="32" rx="8" fill="var(--color-teal-600)" />
      <path
        d="M8 17a8 8 0 0 1 16 0"
        fill="none"
        stroke="var(--color-sand-50)"
        strokeWidth="2.5"
        strokeLinecap="round"
      />
      <path
        d="M6 21.5c2 0 2-1.5 4-1.5s2 1.5 4 1.5 2-1.5 4-1.5 2 1.5 4 1.5 2-1.5 4-1.5"
        fill="none"
        stroke="var(--color-sand-50)"
        strokeWidth="2"
        strokeLinecap="round"
      />
      <circle cx="16" cy="11" r="1.75" fill="var(--color-coral-500)" />
    </svg>
  );
}

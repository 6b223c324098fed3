/** A small leaf marking green / decarbonisation; decorative, the text beside it says it. */
export function LeafIcon() {
  return (
    <svg className="leaf-icon" width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <path
        d="M13.5 2.5C7 2.5 3 5.5 3 10c0 1.3.4 2.3 1 3 .6-2.7 2.6-5 5.5-6.5C7 8.3 5.6 10.5 5.2 13.4c.8.4 1.7.6 2.6.6 4.2 0 5.7-4.4 5.7-11.5z"
        fill="currentColor"
      />
    </svg>
  );
}

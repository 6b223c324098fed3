/** A booth's logo, or its initials on its brand colour when it has none. Decorative: the name is always beside it. */
export function BoothLogo({
  url,
  name,
  color,
  size,
}: {
  url: string | null;
  name: string;
  color: string;
  size: number;
}) {
  if (url) {
    return (
      <span className="booth-logo" style={{ width: size, height: size }}>
        <img src={url} alt="" width={size} height={size} loading="lazy" decoding="async" />
      </span>
    );
  }
  const initials = name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((word) => [...word][0]?.toUpperCase() ?? '')
    .join('');
  return (
    <span
      className="booth-logo booth-logo--initials"
      style={{ width: size, height: size, background: color, color: readableTextOn(color), fontSize: size * 0.36 }}
      aria-hidden="true"
    >
      {initials}
    </span>
  );
}

/** Navy or white, whichever reads better on a #RRGGBB background (WCAG relative luminance). */
export function readableTextOn(hex: string): string {
  const channel = (i: number) => {
    const c = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
  // Contrast with white is 1.05/(L+0.05); with navy #0B1F3A (L≈0.014) it is (L+0.05)/0.064.
  return 1.05 / (luminance + 0.05) >= (luminance + 0.05) / 0.064 ? '#FFFFFF' : '#0B1F3A';
}

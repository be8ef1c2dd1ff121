/** The trellis mark: a lattice in a rounded square. Decorative; the word beside it names the product. */
export function Logo() {
  return (
    <svg width="28" height="28" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <rect width="16" height="16" rx="3" fill="#1f6b44" />
      <path d="M4 4h8M4 8h8M4 12h8M6 3v10M10 3v10" stroke="white" strokeWidth="1.3" />
    </svg>
  );
}

export function AtriumLogo({ className = "size-7" }: { className?: string }) {
  return (
    <svg viewBox="0 0 32 32" className={className} aria-hidden="true">
      <rect width="32" height="32" rx="8" className="fill-indigo-600" />
      <path d="M9 23 16 8l7 15" fill="none" stroke="white" strokeWidth="2.6" strokeLinecap="round" strokeLinejoin="round" />
      <path d="M11.8 18h8.4" stroke="white" strokeOpacity="0.7" strokeWidth="2.2" strokeLinecap="round" />
    </svg>
  );
}

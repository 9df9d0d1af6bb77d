/** A small glyph per kind of palette entry, so a long mixed list scans at a glance. */
export function PaletteIcon({ kind }: { kind: string }) {
  const path = PATHS[kind] ?? PATHS.page;
  return (
    <span className="grid size-7 shrink-0 place-items-center rounded-md bg-slate-100 text-slate-600" aria-hidden="true">
      <svg viewBox="0 0 16 16" className="size-4" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" strokeLinejoin="round">
        {path}
      </svg>
    </span>
  );
}

const PATHS: Record<string, React.ReactNode> = {
  tenant: <path d="M3 13.5V4.5L8 2l5 2.5v9M6 13.5v-3h4v3M6 6.5h.01M10 6.5h.01" />,
  user: <path d="M8 8a2.5 2.5 0 1 0 0-5 2.5 2.5 0 0 0 0 5ZM3 13.5c.6-2.3 2.6-3.5 5-3.5s4.4 1.2 5 3.5" />,
  member: <path d="M8 8a2.5 2.5 0 1 0 0-5 2.5 2.5 0 0 0 0 5ZM3 13.5c.6-2.3 2.6-3.5 5-3.5s4.4 1.2 5 3.5" />,
  domain: <path d="M8 14A6 6 0 1 0 8 2a6 6 0 0 0 0 12ZM2 8h12M8 2c1.6 1.7 2.4 3.7 2.4 6S9.6 12.3 8 14C6.4 12.3 5.6 10.3 5.6 8S6.4 3.7 8 2Z" />,
  api_key: <path d="M10 9.5a3.5 3.5 0 1 0-3.4-2.6L2.5 11v2.5H5v-1.5h1.5V10.5H8l.9-.9c.3.1.7.1 1.1-.1Z" />,
  role: <path d="M8 2 3 4v4c0 3 2.2 5 5 6 2.8-1 5-3 5-6V4L8 2Z" />,
  page: <path d="M4 2h5l3 3v9H4V2ZM9 2v3h3" />,
  action: <path d="m9 2-5 7h4l-1 5 5-7H8l1-5Z" />,
};

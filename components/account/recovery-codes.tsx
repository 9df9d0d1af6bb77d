"use client";

import { CopyButton } from "@/components/ui/copy-button";
import { buttonClasses } from "@/components/ui/button";

/**
 * Recovery codes as shown once, right after they were made: only their
 * digests are kept, so this is the one chance to copy or download them.
 */
export function RecoveryCodes({ codes, fileLabel }: { codes: string[]; fileLabel: string }) {
  const text = `Recovery codes for ${fileLabel}\nEach code works once. Keep them somewhere safe.\n\n${codes.join("\n")}\n`;
  return (
    <div className="space-y-3">
      <ul aria-label="Recovery codes" data-testid="recovery-codes" className="grid grid-cols-1 gap-x-6 gap-y-1.5 rounded-md border border-slate-200 bg-slate-50 px-4 py-3 font-mono text-[13px] text-slate-900 min-[400px]:grid-cols-2">
        {codes.map((c) => (
          <li key={c} className="tracking-wider">
            {c}
          </li>
        ))}
      </ul>
      <div className="flex flex-wrap gap-2">
        <CopyButton value={codes.join("\n")} label="Copy codes" />
        <a href={`data:text/plain;charset=utf-8,${encodeURIComponent(text)}`} download="recovery-codes.txt" className={buttonClasses("secondary", "sm")}>
          Download
        </a>
      </div>
    </div>
  );
}

import { cn } from "@/components/ui/cn";

export function TenantAvatar({ name, size = "md" }: { name: string; size?: "md" | "lg" }) {
  const initials = name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0]!.toUpperCase())
    .join("");
  // A stable colour per name, from a small palette that reads well on white.
  const palette = ["bg-indigo-100 text-indigo-700", "bg-emerald-100 text-emerald-700", "bg-amber-100 text-amber-800", "bg-sky-100 text-sky-700", "bg-rose-100 text-rose-700", "bg-violet-100 text-violet-700"];
  const hash = [...name].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7);
  return (
    <span className={cn("flex shrink-0 items-center justify-center rounded-md font-semibold", palette[hash % palette.length], size === "lg" ? "size-11 text-base" : "size-8 text-xs")} aria-hidden="true">
      {initials}
    </span>
  );
}

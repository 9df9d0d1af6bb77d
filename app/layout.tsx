import type { Metadata } from "next";
import { GeistMono } from "geist/font/mono";
import { GeistSans } from "geist/font/sans";
import { cookies } from "next/headers";
import { parseThemeChoice, THEME_COOKIE, themeClass } from "@/lib/theme/theme-preference";
import "./globals.css";

export const metadata: Metadata = { title: { default: "Atrium", template: "%s · Atrium" }, description: "Multi-tenant admin console" };

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // The chosen scheme is in the first HTML (no flash); without a choice the stylesheet follows the system.
  const theme = themeClass(parseThemeChoice((await cookies()).get(THEME_COOKIE)?.value));
  return (
    // The toggle changes the class in the browser; React must not put it back.
    <html lang="en" className={`${GeistSans.variable} ${GeistMono.variable}${theme ? ` ${theme}` : ""}`} suppressHydrationWarning>
      <body className="min-h-screen bg-slate-50 font-sans text-slate-900 antialiased">{children}</body>
    </html>
  );
}

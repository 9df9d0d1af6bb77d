import type { Metadata } from "next";
import { SupportEntry } from "@/components/impersonation/support-entry";

export const metadata: Metadata = { title: "Entering as support" };

/** Where /api/impersonation/enter sends the browser: the ticket in the fragment becomes the support session. */
export default function SupportEntryPage() {
  return <SupportEntry />;
}

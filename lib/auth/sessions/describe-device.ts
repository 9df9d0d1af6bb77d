import Bowser from "bowser";
import { agentOf } from "@/lib/security-alerts/sign-in-location";

export type DeviceType = "desktop" | "mobile" | "tablet" | "other";

/** What a person recognises a session by: "Chrome on macOS" and the kind of device, from its user agent. */
export function describeDevice(userAgent: string | null): { label: string; type: DeviceType } {
  if (!userAgent) return { label: "Unknown device", type: "other" };
  const label = agentOf(userAgent);
  const platform = Bowser.parse(userAgent).platform.type;
  const type: DeviceType = platform === "desktop" || platform === "mobile" || platform === "tablet" ? platform : "other";
  return { label: label === "unknown" ? "Unknown device" : label, type };
}

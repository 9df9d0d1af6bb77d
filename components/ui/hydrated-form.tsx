"use client";

import type { ComponentProps } from "react";
import { useHydrated } from "./use-hydrated";

/**
 * A fieldset whose controls are disabled until React has hydrated them. Input
 * made before then would show on screen but never reach the component's
 * state, so a save would silently send the old values.
 */
export function HydratedFieldset({ children, className = "contents", ...props }: ComponentProps<"fieldset">) {
  const hydrated = useHydrated();
  return (
    <fieldset {...props} className={className} disabled={!hydrated || props.disabled} data-hydrated={hydrated || undefined}>
      {children}
    </fieldset>
  );
}

/** A form whose controls wait for hydration (see HydratedFieldset). */
export function HydratedForm({ children, ...props }: ComponentProps<"form">) {
  return (
    <form {...props}>
      <HydratedFieldset>{children}</HydratedFieldset>
    </form>
  );
}

import "server-only";
import { cache } from "react";

/** One "now" per request, so every relative date on a page agrees (and server and browser render the same text). */
export const requestTime = cache((): number => Date.now());

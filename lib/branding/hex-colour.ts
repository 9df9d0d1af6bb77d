// Its own module so the Zod contracts and the colour checks can both import it without a cycle.
/** Only hex colours: anything else could carry CSS into the portal's variables. */
export const HEX_COLOUR = /^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/;
export const HEX_COLOUR_MESSAGE = "Use a hex colour such as #0b5fff";

import { describe, expect, it } from "vitest";
import { ASSET_LIMITS, validateImage, type AssetKind } from "@/lib/branding/validate-logo";
import { AppError } from "@/lib/http/errors";
import { EXE_BYTES, JPEG_16, SVG_WITH_SCRIPT, WEBP_16, pngBytes } from "../support/branding-images";

async function refusal(kind: AssetKind, bytes: Uint8Array): Promise<AppError> {
  try {
    await validateImage(kind, bytes);
  } catch (e) {
    return e as AppError;
  }
  throw new Error("expected validateImage to refuse");
}

describe("validateImage", () => {
  it("accepts PNG, JPEG and WebP, typed from their bytes, with dimensions and a digest", async () => {
    expect(await validateImage("logo", pngBytes(64, 32))).toMatchObject({ contentType: "image/png", width: 64, height: 32, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(await validateImage("logo", JPEG_16)).toMatchObject({ contentType: "image/jpeg", width: 16, height: 16, size: JPEG_16.length });
    expect(await validateImage("favicon", WEBP_16)).toMatchObject({ contentType: "image/webp", width: 16, height: 16 });
  });

  it("refuses an SVG, even one that looks harmless, and one with script", async () => {
    const e = await refusal("logo", SVG_WITH_SCRIPT);
    expect(e.status).toBe(400);
    expect(e.details).toEqual([{ path: "logo", message: expect.stringMatching(/PNG, JPEG or WebP/) }]);
    expect((await refusal("favicon", Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).status).toBe(400);
  });

  it("refuses an executable whatever it is called", async () => {
    const e = await refusal("logo", EXE_BYTES);
    expect(e.status).toBe(400);
    expect(e.message).toMatch(/PNG, JPEG or WebP/);
  });

  it("refuses a PNG signature followed by garbage", async () => {
    const bytes = Buffer.concat([pngBytes(16, 16).subarray(0, 8), Buffer.alloc(64, 0x41)]);
    expect((await refusal("logo", bytes)).status).toBe(400);
  });

  it("refuses images too large or too small in pixels", async () => {
    expect((await refusal("logo", pngBytes(4096, 16))).message).toMatch(/4096×16.*2048×2048/);
    expect((await refusal("favicon", pngBytes(1024, 1024))).message).toMatch(/512×512/);
    expect((await refusal("logo", pngBytes(8, 8))).message).toMatch(/at least 16×16/);
  });

  it("refuses files over the byte limit (413) and empty files (400)", async () => {
    const tooBig = Buffer.concat([pngBytes(16, 16), Buffer.alloc(ASSET_LIMITS.favicon.maxBytes)]);
    expect((await refusal("favicon", tooBig)).status).toBe(413);
    expect((await refusal("logo", Buffer.alloc(0))).status).toBe(400);
  });
});

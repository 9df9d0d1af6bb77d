import { createHash } from "node:crypto";
import { fileTypeFromBuffer } from "file-type";
import { imageSize } from "image-size";
import { AppError } from "@/lib/http/errors";

export const ASSET_KINDS = ["logo", "favicon"] as const;
export type AssetKind = (typeof ASSET_KINDS)[number];
export const ASSET_CONTENT_TYPES = ["image/png", "image/jpeg", "image/webp"] as const;
export type AssetContentType = (typeof ASSET_CONTENT_TYPES)[number];

export const ASSET_LIMITS: Record<AssetKind, { maxBytes: number; maxSide: number; minSide: number }> = {
  logo: { maxBytes: 512 * 1024, maxSide: 2048, minSide: 16 },
  favicon: { maxBytes: 128 * 1024, maxSide: 512, minSide: 16 },
};

export type ValidatedImage = { contentType: AssetContentType; width: number; height: number; size: number; sha256: string };

function imageError(kind: AssetKind, message: string): AppError {
  return new AppError("invalid_request", `${kind}: ${message}`, [{ path: kind, message }]);
}

/**
 * The type comes from the bytes alone (file-type's magic numbers), never from a
 * file name or a declared Content-Type: an .exe renamed to .png, or an SVG (which
 * can carry script), is refused. Dimensions come from the image header.
 */
export async function validateImage(kind: AssetKind, bytes: Uint8Array): Promise<ValidatedImage> {
  const limits = ASSET_LIMITS[kind];
  if (bytes.byteLength === 0) throw imageError(kind, "The file is empty");
  if (bytes.byteLength > limits.maxBytes) {
    throw new AppError("payload_too_large", `${kind}: the file is ${bytes.byteLength} bytes; the limit is ${limits.maxBytes}`, [{ path: kind, message: `At most ${limits.maxBytes} bytes` }]);
  }
  const detected = await fileTypeFromBuffer(bytes);
  const contentType = detected?.mime as AssetContentType | undefined;
  if (!contentType || !(ASSET_CONTENT_TYPES as readonly string[]).includes(contentType)) {
    throw imageError(kind, `Upload a PNG, JPEG or WebP image (the file's content is ${detected ? detected.mime : "not a recognised image"})`);
  }
  let size: { width?: number; height?: number; type?: string };
  try {
    size = imageSize(bytes);
  } catch {
    throw imageError(kind, "The image header could not be read");
  }
  const { width, height } = size;
  if (!width || !height) throw imageError(kind, "The image has no dimensions");
  if (width > limits.maxSide || height > limits.maxSide) throw imageError(kind, `The image is ${width}×${height}; at most ${limits.maxSide}×${limits.maxSide} is allowed`);
  if (width < limits.minSide || height < limits.minSide) throw imageError(kind, `The image is ${width}×${height}; at least ${limits.minSide}×${limits.minSide} is needed`);
  return { contentType, width, height, size: bytes.byteLength, sha256: createHash("sha256").update(bytes).digest("hex") };
}

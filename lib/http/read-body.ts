// Request bodies read with a byte limit while they stream in: a Content-Length over the limit is
// refused before any byte is read, and an unannounced body is cut off (the stream cancelled) as
// soon as it passes the limit, so a huge POST never sits in memory whole.
import { AppError } from "./errors.ts";

/** The body's bytes, at most `limit` of them; 413 (AppError, with `detail` when given) beyond. */
export async function readBodyBytes(
  request: Request,
  limit: number,
  detail = `The request body is larger than ${limit} bytes.`,
): Promise<Uint8Array> {
  const tooLarge = () => new AppError("payload_too_large", detail);
  const declared = request.headers.get("content-length");
  if (declared !== null && /^\d+$/.test(declared.trim()) && Number(declared) > limit) {
    await request.body?.cancel().catch(() => {});
    throw tooLarge();
  }
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, size);
}

/** The body as UTF-8 text, at most `limit` bytes. */
export async function readBodyText(request: Request, limit: number, detail?: string): Promise<string> {
  return new TextDecoder().decode(await readBodyBytes(request, limit, detail));
}

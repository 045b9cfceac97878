import type { Request, Response, Next } from 'restify';

/** Bodies larger than this are refused with 413 before they are parsed or stored. */
export const MAX_BODY_BYTES = 256 * 1024;

/** A request after {@link jsonBody}: the exact bytes (for signatures) and the parsed JSON. */
export interface JsonRequest extends Request {
  rawBody: Buffer;
  body: unknown;
}

/** Sends the short JSON error every endpoint uses: `{ "error": code, "message": text }`. */
export function sendError(res: Response, status: number, error: string, message: string): void {
  res.status(status);
  res.json({ error, message });
}

/**
 * Reads a JSON request body with a hard size limit, keeping the raw bytes. Answers 415 for a
 * non-JSON content type, 413 past {@link MAX_BODY_BYTES}, 400 for malformed JSON; the route
 * handler only ever sees a well-formed body.
 */
export function jsonBody(maxBytes: number = MAX_BODY_BYTES) {
  return (req: Request, res: Response, next: Next): void => {
    const type = (req.header('content-type') ?? '').toLowerCase();
    if (!/^application\/([\w.+-]+\+)?json\b/.test(type)) {
      sendError(res, 415, 'unsupported_media_type', 'Send the body as application/json.');
      next(false);
      return;
    }
    const declared = Number(req.header('content-length') ?? NaN);
    if (Number.isFinite(declared) && declared > maxBytes) {
      sendError(res, 413, 'payload_too_large', `The body must be at most ${maxBytes} bytes.`);
      req.resume();
      next(false);
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let finished = false;
    const finish = (action: () => void): void => {
      if (finished) return;
      finished = true;
      action();
    };
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        finish(() => {
          sendError(res, 413, 'payload_too_large', `The body must be at most ${maxBytes} bytes.`);
          req.resume();
          next(false);
        });
        return;
      }
      if (!finished) chunks.push(chunk);
    });
    req.on('error', () => finish(() => next(false)));
    req.on('end', () =>
      finish(() => {
        const raw = Buffer.concat(chunks);
        const jsonReq = req as JsonRequest;
        jsonReq.rawBody = raw;
        try {
          jsonReq.body = JSON.parse(raw.toString('utf8')) as unknown;
        } catch {
          sendError(res, 400, 'invalid_json', 'The body is not valid JSON.');
          next(false);
          return;
        }
        next();
      }),
    );
  };
}

import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

export type ReceivedMail = { from: string | null; to: string[]; raw: string; subject: string; body: string };

/** Header unfolding and quoted-printable decoding: enough of MIME to read what nodemailer writes. */
function decode(raw: string): { subject: string; body: string } {
  const unfolded = raw.replace(/\r?\n[ \t]+/g, " ");
  const subject = unfolded.match(/^Subject: (.*)$/im)?.[1]?.trim() ?? "";
  const body = raw.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
  return { subject, body };
}

/**
 * A real SMTP server on loopback that keeps what it receives. `refuse` holds
 * recipients it answers 550 for; `delayMs` slows each DATA to widen races.
 */
export async function startLoopbackSmtp() {
  const received: ReceivedMail[] = [];
  const refuse = new Set<string>();
  const state = { delayMs: 0 };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onRcptTo(address, _session, cb) {
      if (refuse.has(address.address.toLowerCase())) return cb(Object.assign(new Error("Mailbox unavailable"), { responseCode: 550 }));
      cb();
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        const raw = Buffer.concat(chunks).toString("utf8");
        setTimeout(() => {
          received.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : null, to: session.envelope.rcptTo.map((r) => r.address), raw, ...decode(raw) });
          cb();
        }, state.delayMs);
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    refuse,
    state,
    to: (address: string) => received.filter((m) => m.to.includes(address)),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

import { createSocket, type Socket } from "node:dgram";
import type { AddressInfo } from "node:net";
import dnsPacket from "dns-packet";

/**
 * A real DNS server on loopback UDP for tests: answers TXT queries from an
 * in-memory map the test changes as it goes, NXDOMAIN for anything else.
 * `fail` makes it answer SERVFAIL (a resolver that does not help).
 */
export type TestDnsServer = {
  port: number;
  txt: Map<string, string[]>;
  fail: boolean;
  queries: string[];
  close(): Promise<void>;
};

/** `port` 0 picks a free one; the e2e suite uses a fixed port that its web server is configured with. */
export async function startDnsServer(port = 0): Promise<TestDnsServer> {
  const socket: Socket = createSocket("udp4");
  const server: TestDnsServer = {
    port: 0,
    txt: new Map(),
    fail: false,
    queries: [],
    close: () => new Promise((resolve) => socket.close(() => resolve())),
  };
  socket.on("message", (msg, rinfo) => {
    let query: dnsPacket.Packet;
    try {
      query = dnsPacket.decode(msg);
    } catch {
      return;
    }
    const question = query.questions?.[0];
    if (!question) return;
    const name = question.name.toLowerCase();
    server.queries.push(`${question.type} ${name}`);
    const values = question.type === "TXT" ? server.txt.get(name) : undefined;
    // dns-packet encodes the response code only as the flags' low four bits.
    const rcode = server.fail ? 2 /* SERVFAIL */ : values ? 0 : 3 /* NXDOMAIN */;
    const response = dnsPacket.encode({
      id: query.id,
      type: "response",
      flags: dnsPacket.RECURSION_DESIRED | dnsPacket.RECURSION_AVAILABLE | dnsPacket.AUTHORITATIVE_ANSWER | rcode,
      questions: [question],
      answers: !server.fail && values ? values.map((v) => ({ type: "TXT" as const, name: question.name, ttl: 1, class: "IN" as const, data: v })) : [],
    } as dnsPacket.Packet);
    socket.send(response, rinfo.port, rinfo.address);
  });
  // A fixed port may be taken (say, by a previous run still closing): fail loudly rather than wait.
  await new Promise<void>((resolve, reject) => {
    socket.once("error", reject);
    socket.bind(port, "127.0.0.1", () => {
      socket.off("error", reject);
      resolve();
    });
  });
  server.port = (socket.address() as AddressInfo).port;
  return server;
}

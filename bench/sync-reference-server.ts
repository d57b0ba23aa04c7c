import http from "node:http";
import { setupWSConnection } from "@y/websocket-server/utils";
import { WebSocketServer } from "ws";

/**
 * The reference for the sync benchmark: a bare y-websocket server (@y/websocket-server 0.1.1, the last
 * release for Yjs 13), in memory, no auth, no storage. Prints its port like the Nagare server does.
 */
const server = http.createServer((_req, res) => res.writeHead(404).end());
const wss = new WebSocketServer({ noServer: true });
server.on("upgrade", (req, socket, head) => {
  wss.handleUpgrade(req, socket, head, (ws) => {
    const docName = new URL(req.url ?? "/", "http://x").pathname.replace(/^\/ws\//, "");
    setupWSConnection(ws, req, { docName });
  });
});
server.listen(0, "127.0.0.1", () => {
  const addr = server.address();
  console.log(`Reference: http://localhost:${typeof addr === "object" && addr ? addr.port : 0}`);
});

import fs from "node:fs";
import http from "node:http";
import { configFromEnv } from "./config";
import { serveStatic } from "./static";

/** Entry point of `npm start`: one process, one port, the built app and the API. */
const config = configFromEnv();
try {
  fs.mkdirSync(config.dataDir, { recursive: true });
  fs.accessSync(config.dataDir, fs.constants.W_OK);
} catch (e) {
  console.error(`データディレクトリに書き込めません / data directory is not writable: ${config.dataDir}`);
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
}

const server = http.createServer((req, res) => {
  if (req.url === "/api/health") {
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ ok: true }));
    return;
  }
  serveStatic(config.staticDir, req, res);
});
server.listen(config.port, config.host, () => {
  const addr = server.address();
  const port = typeof addr === "object" && addr ? addr.port : config.port;
  console.log(`Nagare: http://localhost:${port}  (data: ${config.dataDir})`);
});

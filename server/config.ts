import path from "node:path";

/** Server settings from the environment. */
export interface ServerConfig {
  port: number;
  host: string;
  dataDir: string;
  staticDir: string;
}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const port = Number(env.PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`PORT が正しくありません / invalid PORT: ${env.PORT}`);
  return {
    port,
    host: env.HOST ?? "0.0.0.0",
    dataDir: path.resolve(env.DATA_DIR ?? "data"),
    staticDir: path.resolve(env.STATIC_DIR ?? "dist"),
  };
}

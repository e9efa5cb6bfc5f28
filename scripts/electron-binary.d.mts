export function localTime(epochMs: number): string;
export function findElectronBinary(options: {
  electronDir: string;
  env: Record<string, string | undefined>;
  now: Date;
  retry: boolean;
  log: (line: string) => void;
}): { binary: string } | { problem: string };

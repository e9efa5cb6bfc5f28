/** A minimal logging port. The CLI writes to stderr, the app to its log file, tests collect lines. */
export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
  /** A logger whose lines carry a fixed prefix (e.g. the appliance name). */
  child(prefix: string): Logger;
}

export type LogLine = { level: 'debug' | 'info' | 'warn' | 'error'; message: string; fields?: Record<string, unknown> };

/** A logger that hands every line to `sink`, prefixing it. */
export function createLogger(sink: (line: LogLine) => void, prefix = ''): Logger {
  const emit = (level: LogLine['level']) => (message: string, fields?: Record<string, unknown>) =>
    sink({ level, message: prefix ? `${prefix}: ${message}` : message, ...(fields ? { fields } : {}) });
  return {
    debug: emit('debug'),
    info: emit('info'),
    warn: emit('warn'),
    error: emit('error'),
    child: (p) => createLogger(sink, prefix ? `${prefix}: ${p}` : p),
  };
}

/** A logger that drops everything, for callers that do not care. */
export const silentLogger: Logger = createLogger(() => {});

/** A logger that remembers each distinct message once: "the oddity is logged once". */
export function onceLogger(log: Logger): Logger & { readonly seen: ReadonlySet<string> } {
  const seen = new Set<string>();
  const once = (level: LogLine['level']) => (message: string, fields?: Record<string, unknown>) => {
    if (seen.has(message)) return;
    seen.add(message);
    log[level](message, fields);
  };
  return { debug: once('debug'), info: once('info'), warn: once('warn'), error: once('error'), child: (p) => log.child(p), seen };
}

/** The one policy for a listener that throws (see common/event.ts): a log line; the other listeners still hear. */
export function listenerFailure(log: Logger, heard: string): (error: unknown) => void {
  return (error) => log.error(`A listener of the ${heard} failed: ${error instanceof Error ? error.message : String(error)}`);
}

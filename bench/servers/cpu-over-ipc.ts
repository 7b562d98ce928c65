// The bench's CPU figure: a server started by bench/pages.ts answers 'cpu' over its IPC channel
// with process.cpuUsage() (user + system µs of every thread of the process: the main thread, the
// libuv pool, argon2's threads). Nothing listens when the server runs without the bench.
export function answerCpuOverIpc(): void {
  if (!process.send) return;
  process.on('message', (message) => {
    if (message === 'cpu') process.send?.({ cpu: process.cpuUsage() });
  });
  // The channel alone keeps no process alive: a server lives by its socket, a run by its work.
  process.channel?.unref();
}

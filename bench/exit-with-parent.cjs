// Preloaded (node --require) into the servers the bench starts, so they exit
// when the bench does, even if it is killed with SIGKILL and cannot clean up.
const parent = process.ppid;
setInterval(() => {
  try {
    process.kill(parent, 0);
  } catch {
    process.exit(0);
  }
}, 1000).unref();
